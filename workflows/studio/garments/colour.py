"""The colour-model segmentation that came before the learned parser (MediaPipe pose + per-photo colour models).

Kept for the items where it still measures better on garments-dev (``COLOUR_ITEMS`` in ``__init__``):

1. Colour models: small Gaussian mixtures in Lab space fitted per image on seed regions placed from the
   skeleton -- torso -> top; the first leg segment (hips down) whose colour is neither the top's nor skin ->
   bottom (so long coats are recognised, and a silhouette hem decides same-colour coats); feet, minus pixels
   that look like skin or like the bottom -> shoes; face -> skin; shins unlike the bottom and the shoes ->
   bare legs / hosiery.
2. Scores: colour log-likelihood + soft spatial priors in a body coordinate t (shoulders 0, hips 1, knees 2,
   ankles 3); one GrabCut-like re-estimation of the garment models; guided-filter smoothing of the posteriors.
3. Labelling: per image column, two cut rows so that top lies above bottom above shoes (max summed log
   posterior), smoothed across columns; blobs that stick out of the body core with a foreign colour (bags)
   are dropped.
"""

from __future__ import annotations

import cv2
import numpy as np

from workflows.studio.garments.refine import clean as _clean
from workflows.studio.garments.refine import fill_holes as _fill_holes

# ---- tuned constants (body coordinate t: shoulders 0, hips 1, knees 2, ankles 3)
COL_SCALE = 0.5  # weight of colour log-likelihoods against the spatial priors
TOP_PCT, TOP_MARGIN = 5.0, 2.0  # "looks like the top": above this percentile of the top seed's log-lik, minus margin
SYM_FRAC = 0.6  # a leg segment is the same garment as the top only if it explains this share of the top
TOP_SLOPE = 4.0  # penalty per t unit for top below its expected end
SHOE_T, SHOE_SLOPE = 3.05, 20.0  # shoes above the ankles are penalised steeply
BOT_HI_LEGS = 2.5  # where the bottom ends when the shins have their own (bare legs / hosiery) model
OTHER_PEN = 1.0  # constant penalty of the skin / legs class
SKIN_REG_L, SKIN_REG_AB = 200.0, 15.0  # skin model: loose in lightness, tight in chroma
NECK_F = 0.55  # neck line between mouth (0) and shoulders (1); above it nothing is a garment
HEM_LOW = True  # a hem below the last leg seed (long coat) seeds the bottom on the shins under it
HEM_RATIO = 0.8  # silhouette narrowing that counts as a coat / dress hem
N_ITER = 1  # GrabCut-like re-estimations of the garment colour models
GF_R, GF_EPS = 6, 0.02  # guided filter on the posteriors
CLEAN_FRAC = 0.05  # keep components at least this share of the largest one
BAG_DE, BAG_DIL = 25.0, 0.3  # carried objects: colour difference (Lab) and body-core dilation (x torso)
SHOE_SKIN_PCT = 3.0  # shoe seed: drop pixels above this percentile of the face skin log-lik
SHOE_BOT_PCT, SHOE_KEEP = (
    10.0,
    0.2,
)  # shoe seed: drop pixels above this percentile of the bottom seed's log-lik; keep the rest if >= this share


# --------------------------------------------------------------------------
# colour models


class _GMM:
    """Tiny full-covariance Gaussian mixture fitted with k-means + one M step."""

    def __init__(self, samples: np.ndarray, k: int = 3, reg=12.0, rng_seed: int = 0):
        x = samples.astype(np.float32)
        if len(x) > 3000:
            rng = np.random.default_rng(rng_seed)
            x = x[rng.choice(len(x), 3000, replace=False)]
        k = int(max(1, min(k, len(x) // 40)))
        if k > 1:
            cv2.setRNGSeed(rng_seed)
            crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
            _, lab, _ = cv2.kmeans(x, k, None, crit, 2, cv2.KMEANS_PP_CENTERS)
            lab = lab.ravel()
        else:
            lab = np.zeros(len(x), np.int32)
        self.means, self.icovs, self.logw = [], [], []
        for j in range(k):
            xj = x[lab == j]
            if len(xj) < 5:
                continue
            mu = xj.mean(0)
            cov = np.cov(xj.T) + np.diag(np.broadcast_to(np.asarray(reg, np.float64), (3,)))
            sign, logdet = np.linalg.slogdet(cov)
            self.means.append(mu)
            self.icovs.append(np.linalg.inv(cov))
            self.logw.append(np.log(len(xj) / len(x)) - 0.5 * logdet)
        self.mean = x.mean(0)

    def loglik(self, x: np.ndarray) -> np.ndarray:
        out = None
        for mu, ic, lw in zip(self.means, self.icovs, self.logw, strict=True):
            d = x - mu
            m = ((d @ ic) * d).sum(1)
            ll = lw - 0.5 * m
            out = ll if out is None else np.logaddexp(out, ll)
        return out


# --------------------------------------------------------------------------
# segmentation on the working copy

# class indices in the posterior stack
_TOP, _BOTTOM, _SHOES, _OTHER = 0, 1, 2, 3


def _pt(L, i):
    return np.array(L[i][:2], dtype=np.float32)


def _lerp(a, b, t):
    return a + (b - a) * t


class _Body:
    def __init__(self, L: np.ndarray):
        self.L = L
        self.sh = (_pt(L, 11) + _pt(L, 12)) / 2
        self.hip = (_pt(L, 23) + _pt(L, 24)) / 2
        self.knee = (_pt(L, 25) + _pt(L, 26)) / 2
        self.ank = (_pt(L, 27) + _pt(L, 28)) / 2
        self.torso = float(max(np.linalg.norm(self.hip - self.sh), 8.0))
        ys = [self.sh[1], self.hip[1], self.knee[1], self.ank[1]]
        # enforce monotonic anchors (sitting / odd poses)
        for i in range(1, 4):
            ys[i] = max(ys[i], ys[i - 1] + 0.35 * self.torso)
        self.ys = np.array(ys, dtype=np.float32)

    def t_of_y(self, y: np.ndarray) -> np.ndarray:
        ys = self.ys
        t = np.interp(y, ys, [0.0, 1.0, 2.0, 3.0])
        t = np.where(y < ys[0], (y - ys[0]) / (ys[1] - ys[0]), t)
        t = np.where(y > ys[3], 3.0 + (y - ys[3]) / (ys[3] - ys[2]), t)
        return t


def _lab(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)


def _segment(rgb: np.ndarray, body: _Body, person_soft: np.ndarray):
    """Return (posterior HxWx4 float32 over top/bottom/shoes/other, info dict)."""
    h, w = rgb.shape[:2]
    L = body.L
    T = body.torso
    person = person_soft > 0.5
    lab = _lab(rgb)
    yy = np.arange(h, dtype=np.float32)
    t_row = body.t_of_y(yy)  # per row
    tmap = np.repeat(t_row[:, None], w, axis=1)

    # ---- neck line: above it everything is head / hair / skin
    mouth = (_pt(L, 9) + _pt(L, 10)) / 2
    neck_y = mouth[1] + NECK_F * (body.sh[1] - mouth[1])
    head_zone = np.repeat((yy < neck_y)[:, None], w, axis=1)

    def canvas():
        return np.zeros((h, w), np.uint8)

    def thick(f):
        return max(2, int(round(f * T)))

    # ---- seeds
    top_seed = canvas()
    quad = np.array([_pt(L, 11), _pt(L, 12), _pt(L, 24), _pt(L, 23)], np.float32)
    c = quad.mean(0)
    q = c + (quad - c) * np.array([0.75, 1.0], np.float32)
    q_top = _lerp(q[[0, 1]], q[[3, 2]], 0.12)
    q_bot = _lerp(q[[0, 1]], q[[3, 2]], 0.75)
    poly = np.array([q_top[0], q_top[1], q_bot[1], q_bot[0]], np.int32)
    cv2.fillConvexPoly(top_seed, poly, 1)

    legs = ((23, 25, 27), (24, 26, 28))

    def leg_seed(upper: bool, f0: float, f1: float, th: float):
        m = canvas()
        for hi, ki, ai in legs:
            p0, p1 = (_pt(L, hi), _pt(L, ki)) if upper else (_pt(L, ki), _pt(L, ai))
            a = _lerp(p0, p1, f0)
            b = _lerp(p0, p1, f1)
            cv2.line(m, tuple(map(int, a)), tuple(map(int, b)), 1, thick(th))
        return m

    # candidate seeds down the legs: (mask, end of top prior if chosen)
    leg_segments = [
        (leg_seed(True, 0.15, 0.45, 0.16), 1.05),
        (leg_seed(True, 0.6, 0.9, 0.12), 1.5),
        (leg_seed(False, 0.15, 0.5, 0.08), 2.05),
        (leg_seed(False, 0.5, 0.85, 0.07), 2.5),
    ]

    shoe_seed = canvas()
    for he, fi in ((29, 31), (30, 32)):
        a = _pt(L, he)
        b = _pt(L, fi)
        cv2.line(shoe_seed, tuple(map(int, a)), tuple(map(int, b)), 1, thick(0.08))

    face_seed = canvas()
    nose = _pt(L, 0)
    d = float(np.linalg.norm(mouth - nose)) + 1.0
    cv2.ellipse(
        face_seed,
        (int(nose[0]), int(nose[1] + 0.3 * d)),
        (max(2, int(1.0 * d)), max(2, int(0.8 * d))),
        0,
        0,
        360,
        1,
        -1,
    )

    def pix(seed, extra=None):
        m = (seed > 0) & person
        if extra is not None:
            m &= extra
        return lab[m]

    info: dict = {}

    # skin model from face with outlier rejection (sunglasses, hair strands)
    fx = pix(face_seed)
    skin = None
    if len(fx) >= 20:
        for _ in range(2):
            mu = np.median(fx, 0)
            dev = np.abs(fx - mu)
            mad = np.median(dev, 0) * 1.48 + 3.0
            keep = np.all(dev < 2.5 * mad, 1)
            if keep.sum() < 15:
                break
            fx = fx[keep]
        skin = _GMM(fx, k=1, reg=(SKIN_REG_L, SKIN_REG_AB, SKIN_REG_AB))

    excl = ~head_zone
    tx = pix(top_seed, excl)
    sx = pix(shoe_seed)
    gm_top = _GMM(tx, k=3) if len(tx) > 20 else None
    top_ref = np.percentile(gm_top.loglik(tx), TOP_PCT) - TOP_MARGIN if gm_top is not None else None
    skin_ref = np.percentile(skin.loglik(fx), 3) if skin is not None else None

    def free_of(px, models_refs):
        free = np.ones(len(px), bool)
        for g, ref in models_refs:
            if g is not None:
                free &= g.loglik(px) <= ref
        return free

    # bottom: first leg segment (from the hips down) whose colour is neither
    # the top's (long coats) nor skin
    chosen = 0
    bx = pix(leg_segments[0][0])
    found = False
    for i, (seg, _) in enumerate(leg_segments[:3]):
        px = pix(seg)
        if len(px) < 20:
            continue
        free = free_of(px, [(gm_top, top_ref), (skin, skin_ref)])
        if free.mean() > 0.5:
            chosen, bx = i, px[free]
            found = True
            break
        if gm_top is not None:
            # the segment looks like (part of) the top; it *is* the top (long
            # coat) only if the top also looks like it -- a striped top over a
            # black skirt is not a coat
            g_seg = _GMM(px, k=2)
            seg_ref = np.percentile(g_seg.loglik(px), TOP_PCT) - TOP_MARGIN
            if (g_seg.loglik(tx) > seg_ref).mean() < SYM_FRAC:
                nonskin = free_of(px, [(skin, skin_ref)])
                if nonskin.mean() > 0.5:
                    chosen, bx = i, px[nonskin]
                    found = True
                    break
    top_end = leg_segments[chosen][1]
    if not found and HEM_RATIO > 0:
        # the legs look like the top all the way down (same-colour coat and
        # trousers/tights): look for a hem, a sharp narrowing of the silhouette
        hem_t = _find_hem(person, body, t_row)
        info["hem_t"] = hem_t
        if hem_t is not None:
            # below the hem: hosiery / trousers -> the garment above is a long
            # top (coat); bare legs -> same-colour top and skirt/shorts, keep
            # the waist as the boundary
            below = [(i, seg) for i, (seg, _) in enumerate(leg_segments) if _SEG_START[i] > hem_t + 0.05]
            if not below and HEM_LOW and hem_t > 2.0 and hem_t < 2.8:
                # a hem below the last seed segment's start: seed the
                # bottom on the shins between the hem and the ankles
                below = [(len(leg_segments) - 1, leg_seed(False, hem_t - 2.0 + 0.08, 0.95, 0.07))]
            for i, seg in below:
                px = pix(seg)
                nonskin = free_of(px, [(skin, skin_ref)]) if len(px) else np.zeros(0, bool)
                if nonskin.sum() >= 20 and nonskin.mean() >= 0.5:
                    chosen, bx = i, px[nonskin]
                    top_end = hem_t
                elif len(px) >= 20 and hem_t >= 1.5:
                    # one colour from the shoulders to a hem above bare
                    # legs, with no gap between the legs: a dress
                    info["dress_like"] = not _legs_apart(person, body, t_row, 1.25, hem_t - 0.1)
                break
    info["bottom_segment"] = chosen
    gm_bot = _GMM(bx, k=3) if len(bx) > 20 else None
    # shoes: a seed cleaned of bare feet and trouser hems
    not_shoe = []
    if skin is not None and SHOE_SKIN_PCT > 0:
        not_shoe.append((skin, np.percentile(skin.loglik(fx), SHOE_SKIN_PCT)))
    if gm_bot is not None and SHOE_BOT_PCT > 0:
        not_shoe.append((gm_bot, np.percentile(gm_bot.loglik(bx), SHOE_BOT_PCT)))
    sx = _clean_shoe_seed(sx, not_shoe)
    gm_shoe = _GMM(sx, k=2) if len(sx) > 10 else None

    # legs: a separate "legs" model when the shins are unlike the bottom
    # (skirt/shorts over bare legs or hosiery) and unlike the shoes (boots)
    gm_legs = None
    if gm_bot is not None and chosen < 2:
        bot_ref = np.percentile(gm_bot.loglik(bx), 10)
        shoe_ref = np.percentile(gm_shoe.loglik(sx), 10) if gm_shoe is not None else None
        lx = []
        for seg, _ in leg_segments[2:]:
            px = pix(seg)
            if len(px) >= 20:
                free = free_of(px, [(gm_bot, bot_ref), (gm_shoe, shoe_ref)])
                if free.mean() > 0.6:
                    lx.append(px[free])
        if lx:
            gm_legs = _GMM(np.concatenate(lx), k=2)
    info["legs_model"] = gm_legs is not None

    # ---- per-pixel scores (only person pixels are evaluated)
    idx = np.flatnonzero(person.ravel())
    X = lab.reshape(-1, 3)[idx]
    tt = tmap.ravel()[idx]
    NEG = -1e4
    K = 4
    S = np.full((len(idx), K), NEG, np.float32)

    def ll(g):
        return g.loglik(X) if g is not None else np.full(len(X), NEG, np.float32)

    col_scale = COL_SCALE
    # "other" = skin (anywhere), bare legs / hosiery (below the hips). Hair is
    # handled by the neck line; a hair colour model below it cost more than it gained.
    other = []
    if skin is not None:
        other.append(col_scale * ll(skin))
    if gm_legs is not None:
        other.append(col_scale * ll(gm_legs) + np.where(tt < 1.3, -6.0 * (1.3 - tt), 0))
    S_other = (np.max(other, 0) if other else np.full(len(X), NEG)) - OTHER_PEN

    # spatial priors in body coordinates
    top_p = np.where(tt < -0.35, -10 * (-0.35 - tt), 0) + np.where(tt > top_end, -TOP_SLOPE * (tt - top_end), 0)
    bot_hi = BOT_HI_LEGS if gm_legs is not None else 3.1
    bot_p = np.where(tt < 0.8, -10 * (0.8 - tt), 0) + np.where(tt > bot_hi, -6.0 * (tt - bot_hi), 0)
    shoe_p = np.where(tt < SHOE_T, -SHOE_SLOPE * (SHOE_T - tt), 0)
    hz = head_zone.ravel()[idx]
    seeds = {_TOP: tx, _BOTTOM: bx, _SHOES: sx}
    models = {_TOP: gm_top, _BOTTOM: gm_bot, _SHOES: gm_shoe}
    priors = {_TOP: top_p, _BOTTOM: bot_p, _SHOES: shoe_p}
    rng = np.random.default_rng(0)
    P = None  # posteriors of the previous pass (set by the first one)
    for it in range(1 + N_ITER):
        if it > 0:
            # GrabCut-like re-estimation of the garment colour models from the
            # current labelling (mixed with the seeds so they cannot drift away)
            lab_now = P.argmax(1)
            conf = P.max(1) > 0.6
            for k in (_TOP, _BOTTOM, _SHOES):
                sel = np.flatnonzero((lab_now == k) & conf)
                if len(sel) < 50 or models[k] is None:
                    continue
                if len(sel) > 3000:
                    sel = rng.choice(sel, 3000, replace=False)
                models[k] = _GMM(np.concatenate([X[sel], seeds[k]]), k=4)
        S = np.empty((len(idx), K), np.float32)
        for k in (_TOP, _BOTTOM, _SHOES):
            S[:, k] = col_scale * ll(models[k]) + priors[k]
        S[:, _OTHER] = S_other
        S[hz, :3] = NEG
        S -= S.max(1, keepdims=True)
        P = np.exp(S)
        P /= P.sum(1, keepdims=True)

    post = np.zeros((h * w, K), np.float32)
    post[:, _OTHER] = 1.0
    post[idx] = P
    post = post.reshape(h, w, K)

    # edge-aware smoothing of the posteriors
    try:
        gf = cv2.ximgproc.createGuidedFilter(rgb, GF_R, (GF_EPS * 255) ** 2)
        post = np.stack([gf.filter(post[..., k]) for k in range(K)], -1)
    except AttributeError:  # opencv without contrib
        post = cv2.blur(post, (5, 5))
    post = np.clip(post, 0, None)
    post /= post.sum(-1, keepdims=True) + 1e-6
    return post, info


def _clean_shoe_seed(sx: np.ndarray, models_refs) -> np.ndarray:
    """Drop shoe-seed pixels that look like skin or like the bottom.

    The seed runs from heel to toe landmarks; on pumps and sandals most of it
    is the bare foot, under wide trousers it is the trouser hem. A shoe model
    fitted on those pixels claims the feet / hems. The remaining pixels are
    used when they are a fair share of the seed; otherwise (black trousers
    over black shoes) the seed is kept and the spatial prior decides."""
    if len(sx) == 0:
        return sx
    free = np.ones(len(sx), bool)
    for g, ref in models_refs:
        free &= g.loglik(sx) <= ref
    if free.sum() >= max(10, SHOE_KEEP * len(sx)):
        return sx[free]
    return sx


_SEG_START = (1.15, 1.6, 2.15, 2.5)  # body t where each leg seed segment starts


def _find_hem(person: np.ndarray, body: _Body, t_row: np.ndarray):
    """Body t of the strongest narrowing of the silhouette between the hips
    and the ankles (a coat / dress hem), or None."""
    L = body.L
    T = body.torso
    xs = L[[23, 24, 25, 26, 27, 28], 0]
    h, w = person.shape
    x0 = int(max(0, xs.min() - 0.6 * T))
    x1 = int(min(w, xs.max() + 0.6 * T + 1))
    if x1 - x0 < 4:
        return None
    width = person[:, x0:x1].sum(1).astype(np.float32)
    k = max(3, int(0.06 * T) | 1)
    width = np.convolve(width, np.ones(k) / k, mode="same")
    dlt = max(2, int(0.1 * T))
    rows = np.flatnonzero((t_row >= 1.3) & (t_row <= 2.7))
    rows = rows[(rows - dlt >= 0) & (rows + dlt < h)]
    if len(rows) == 0:
        return None
    ratio = width[rows + dlt] / np.maximum(width[rows - dlt], 1.0)
    j = int(np.argmin(ratio))
    if ratio[j] >= HEM_RATIO:
        return None
    return float(t_row[rows[j]])


def _legs_apart(person: np.ndarray, body: _Body, t_row: np.ndarray, t0: float, t1: float) -> bool:
    """True when the silhouette shows a gap between the legs in rows t0..t1
    (trousers / shorts), False for a closed skirt-like shape."""
    L = body.L
    xs = L[[23, 24, 25, 26], 0]
    x0, x1 = int(xs.min()), int(xs.max()) + 1
    rows = np.flatnonzero((t_row >= t0) & (t_row <= t1))
    if len(rows) < 3 or x1 - x0 < 3:
        return True
    band = person[rows, x0:x1]
    # a row is "apart" when, between its first and last person pixel, there is background
    apart = 0
    for r in band:
        nz = np.flatnonzero(r)
        if len(nz) and (nz[-1] - nz[0] + 1) > len(nz) + 1:
            apart += 1
    return apart > 0.3 * len(rows)


def _column_cuts(post: np.ndarray, person: np.ndarray) -> np.ndarray:
    """Label garment pixels so that, in every column, top lies above bottom
    and bottom above shoes (two cut rows per column chosen to maximise the
    summed log posteriors), then smooth the cuts across columns.

    Pixels where "other" (skin, hair, legs) wins or outside the person keep
    the label _OTHER."""
    h, w, _ = post.shape
    garment = person & (post.argmax(-1) != _OTHER)
    g3 = post[..., :3] / (post[..., :3].sum(-1, keepdims=True) + 1e-6)
    lg = np.log(g3 + 1e-3) * garment[..., None]
    z = np.zeros((1, w), np.float32)
    Ct = np.vstack([z, np.cumsum(lg[..., _TOP], 0)])  # Ct[c] = sum of rows < c
    Cb = np.vstack([z, np.cumsum(lg[..., _BOTTOM], 0)])
    Cs = np.vstack([z, np.cumsum(lg[..., _SHOES], 0)])
    # F(c, d) = Ct[c] + Cb[d] - Cb[c] + Cs[h] - Cs[d], c <= d
    A = Ct - Cb
    run = np.maximum.accumulate(A, 0)
    arg = np.zeros_like(A, dtype=np.int64)
    # argmax of A[0..d] for each d (per column)
    best_idx = np.zeros(w, np.int64)
    best_val = A[0].copy()
    for d in range(1, h + 1):
        better = A[d] > best_val
        best_val = np.where(better, A[d], best_val)
        best_idx = np.where(better, d, best_idx)
        arg[d] = best_idx
    F = run + Cb - Cs
    d_star = F.argmax(0)
    c_star = arg[d_star, np.arange(w)]
    cols = garment.any(0)
    # smooth the cut rows across neighbouring body columns
    k = max(3, (w // 60) | 1)
    for cut in (c_star, d_star):
        v = cut.astype(np.float32)
        if cols.sum() >= k:
            xs = np.flatnonzero(cols)
            sm = _median1d(v[xs], k)
            cut[xs] = np.round(sm).astype(cut.dtype)
    d_star = np.maximum(d_star, c_star)
    yy = np.arange(h)[:, None]
    lab = np.full((h, w), _OTHER, np.int64)
    lab[(yy < c_star[None, :]) & garment] = _TOP
    lab[(yy >= c_star[None, :]) & (yy < d_star[None, :]) & garment] = _BOTTOM
    lab[(yy >= d_star[None, :]) & garment] = _SHOES
    return lab


def _body_core(body: _Body, shape) -> np.ndarray:
    """Thick skeleton: where the body (and close-fitting clothes) should be."""
    h, w = shape
    L = body.L
    T = body.torso
    core = np.zeros((h, w), np.uint8)

    def P(i):
        return tuple(int(v) for v in L[i, :2])

    cv2.fillConvexPoly(core, np.array([P(11), P(12), P(24), P(23)], np.int32), 1)

    def t(f):
        return max(2, int(f * T))

    for a, b in ((11, 13), (13, 15), (12, 14), (14, 16)):
        cv2.line(core, P(a), P(b), 1, t(0.3))
    for a, b in ((23, 25), (25, 27), (24, 26), (26, 28), (11, 23), (12, 24), (23, 24)):
        cv2.line(core, P(a), P(b), 1, t(0.45))
    for a, b in ((27, 29), (29, 31), (27, 31), (28, 30), (30, 32), (28, 32)):
        cv2.line(core, P(a), P(b), 1, t(0.25))
    k = max(3, int(BAG_DIL * T) | 1)
    return cv2.dilate(core, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))).astype(bool)


def _drop_carried(labmap: np.ndarray, rgb: np.ndarray, body: _Body, person: np.ndarray) -> np.ndarray:
    """Remove blobs sticking out of the body core whose colour differs from the
    rest of the garment they were given to (bags, things held in the hand)."""
    core = _body_core(body, labmap.shape)
    lab = _lab(rgb)
    out = labmap.copy()
    min_area = 0.004 * person.sum()
    for k in (_TOP, _BOTTOM, _SHOES):
        m = labmap == k
        inside = m & core
        outside = m & ~core
        if inside.sum() < 20 or outside.sum() < min_area:
            continue
        ref = np.median(lab[inside], 0)
        n, cc, stats, _ = cv2.connectedComponentsWithStats(outside.astype(np.uint8), 8)
        for j in range(1, n):
            if stats[j, cv2.CC_STAT_AREA] < min_area:
                continue
            blob = cc == j
            de = float(np.linalg.norm(np.median(lab[blob], 0) - ref))
            if de > BAG_DE:
                out[blob] = _OTHER
    return out


def _median1d(v: np.ndarray, k: int) -> np.ndarray:
    r = k // 2
    pad = np.pad(v, r, mode="edge")
    win = np.lib.stride_tricks.sliding_window_view(pad, k)
    return np.median(win, axis=1)


def colour_masks(small: np.ndarray, landmarks: np.ndarray, person_soft: np.ndarray):
    """Top, bottom and shoes by the colour models on the working copy: (masks, soft maps, scores) per item."""
    h, w = small.shape[:2]
    person = person_soft > 0.5
    body = _Body(landmarks)
    post, _info = _segment(small, body, person_soft)
    labmap = _drop_carried(_column_cuts(post, person), small, body, person)
    garment = (1.0 - post[..., _OTHER]) * person_soft * (labmap != _OTHER)
    person_area = float(person.sum())
    masks, soft, scores = {}, {}, {}
    for name, k in (("top", _TOP), ("bottom", _BOTTOM), ("shoes", _SHOES)):
        m = (labmap == k) & person
        m = cv2.morphologyEx(m.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)).astype(bool)
        m = _shoes_near_feet(m, body, (h, w)) if name == "shoes" else _clean(m, CLEAN_FRAC)
        m = _fill_holes(m, int(0.002 * h * w))
        area = float(m.sum())
        if area < 0.004 * person_area:
            continue
        masks[name] = m
        soft[name] = garment * cv2.GaussianBlur((labmap == k).astype(np.float32), (3, 3), 0)
        size_ok = min(1.0, area / (0.03 * person_area))
        scores[name] = round(max(0.0, min(1.0, float(post[..., k][m].mean()) * (0.5 + 0.5 * size_ok))), 3)
    if "shoes" in scores:
        feet_seen = float(np.clip(body.L[[29, 30, 31, 32], 2].mean(), 0, 1))
        scores["shoes"] = round(scores["shoes"] * (0.5 + 0.5 * feet_seen), 3)
    return masks, soft, scores


def _shoes_near_feet(m: np.ndarray, body: _Body, shape) -> np.ndarray:
    """One shoe can be much smaller than the other (occlusion, angle): keep any component touching a foot."""
    h, w = shape
    feet = np.zeros((h, w), np.uint8)
    for i in (27, 28, 29, 30, 31, 32):
        fx, fy = (int(v) for v in body.L[i, :2])
        if 0 <= fx < w and 0 <= fy < h:
            cv2.circle(feet, (fx, fy), max(2, int(0.12 * body.torso)), 1, -1)
    _, cc = cv2.connectedComponents(m.astype(np.uint8), connectivity=8)
    touching = np.unique(cc[(feet > 0) & m])
    return _clean(m, 0.15) | (np.isin(cc, touching[touching > 0]) & m)
