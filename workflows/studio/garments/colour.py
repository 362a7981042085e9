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
_NEG = -1e4  # score of a class that cannot be (no model, or above the neck line)
_LEGS = ((23, 25, 27), (24, 26, 28))  # hip, knee, ankle landmarks of each leg


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


class _Scene:
    """One photo on the working copy as the colour models see it: Lab pixels, the person, the body
    coordinate of every row and the head zone (above the neck line everything is head, hair or skin)."""

    def __init__(self, rgb: np.ndarray, body: _Body, person_soft: np.ndarray):
        self.h, self.w = rgb.shape[:2]
        self.body = body
        self.person = person_soft > 0.5
        self.lab = _lab(rgb)
        yy = np.arange(self.h, dtype=np.float32)
        self.t_row = body.t_of_y(yy)
        L = body.L
        self.mouth = (_pt(L, 9) + _pt(L, 10)) / 2
        neck_y = self.mouth[1] + NECK_F * (body.sh[1] - self.mouth[1])
        self.head_zone = np.repeat((yy < neck_y)[:, None], self.w, axis=1)

    def canvas(self) -> np.ndarray:
        return np.zeros((self.h, self.w), np.uint8)

    def thick(self, f: float) -> int:
        """A line thickness of ``f`` torso lengths."""
        return max(2, int(round(f * self.body.torso)))

    def pix(self, seed: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
        """Lab values of the person's pixels under ``seed`` (and ``extra``)."""
        m = (seed > 0) & self.person
        if extra is not None:
            m &= extra
        return self.lab[m]


# ---- seeds: regions placed from the skeleton that the colour models are fitted on


def _top_seed(sc: _Scene) -> np.ndarray:
    """The torso quadrilateral, narrowed to 3/4 and cut to 12-75 % of the way from shoulders to hips."""
    L = sc.body.L
    seed = sc.canvas()
    quad = np.array([_pt(L, 11), _pt(L, 12), _pt(L, 24), _pt(L, 23)], np.float32)
    c = quad.mean(0)
    q = c + (quad - c) * np.array([0.75, 1.0], np.float32)
    q_top = _lerp(q[[0, 1]], q[[3, 2]], 0.12)
    q_bot = _lerp(q[[0, 1]], q[[3, 2]], 0.75)
    poly = np.array([q_top[0], q_top[1], q_bot[1], q_bot[0]], np.int32)
    cv2.fillConvexPoly(seed, poly, 1)
    return seed


def _leg_seed(sc: _Scene, upper: bool, f0: float, f1: float, th: float) -> np.ndarray:
    """Lines along both thighs (``upper``) or shins from ``f0`` to ``f1`` of their length, ``th`` torsos thick."""
    L = sc.body.L
    m = sc.canvas()
    for hi, ki, ai in _LEGS:
        p0, p1 = (_pt(L, hi), _pt(L, ki)) if upper else (_pt(L, ki), _pt(L, ai))
        a = _lerp(p0, p1, f0)
        b = _lerp(p0, p1, f1)
        cv2.line(m, tuple(map(int, a)), tuple(map(int, b)), 1, sc.thick(th))
    return m


_SEG_START = (1.15, 1.6, 2.15, 2.5)  # body t where each leg seed segment starts


def _leg_segments(sc: _Scene) -> list[tuple[np.ndarray, float]]:
    """Candidate bottom seeds down the legs (starting at ``_SEG_START``): (mask, end of the top's prior if the
    bottom is seeded there)."""
    return [
        (_leg_seed(sc, True, 0.15, 0.45, 0.16), 1.05),
        (_leg_seed(sc, True, 0.6, 0.9, 0.12), 1.5),
        (_leg_seed(sc, False, 0.15, 0.5, 0.08), 2.05),
        (_leg_seed(sc, False, 0.5, 0.85, 0.07), 2.5),
    ]


def _shoe_seed(sc: _Scene) -> np.ndarray:
    """Lines from each heel to its toe landmark."""
    L = sc.body.L
    seed = sc.canvas()
    for he, fi in ((29, 31), (30, 32)):
        cv2.line(seed, tuple(map(int, _pt(L, he))), tuple(map(int, _pt(L, fi))), 1, sc.thick(0.08))
    return seed


def _face_seed(sc: _Scene) -> np.ndarray:
    """An ellipse around the nose, sized by the nose-mouth distance."""
    seed = sc.canvas()
    nose = _pt(sc.body.L, 0)
    d = float(np.linalg.norm(sc.mouth - nose)) + 1.0
    centre = (int(nose[0]), int(nose[1] + 0.3 * d))
    axes = (max(2, int(1.0 * d)), max(2, int(0.8 * d)))
    cv2.ellipse(seed, centre, axes, 0, 0, 360, 1, -1)
    return seed


# ---- colour models fitted on the seeds


def _free_of(px: np.ndarray, models_refs) -> np.ndarray:
    """Per pixel: looks like none of the models (log-lik at most its reference; absent models ignored)."""
    free = np.ones(len(px), bool)
    for g, ref in models_refs:
        if g is not None:
            free &= g.loglik(px) <= ref
    return free


def _skin_model(fx: np.ndarray):
    """Skin model from the face pixels with outlier rejection (sunglasses, hair strands): (model or None, the
    face pixels it was fitted on)."""
    if len(fx) < 20:
        return None, fx
    for _ in range(2):
        mu = np.median(fx, 0)
        dev = np.abs(fx - mu)
        mad = np.median(dev, 0) * 1.48 + 3.0
        keep = np.all(dev < 2.5 * mad, 1)
        if keep.sum() < 15:
            break
        fx = fx[keep]
    return _GMM(fx, k=1, reg=(SKIN_REG_L, SKIN_REG_AB, SKIN_REG_AB)), fx


class _Fit:
    """The colour models of one photo and the seed pixels they were fitted on (Lab, N × 3)."""

    skin = gm_top = gm_bot = gm_shoe = gm_legs = None
    fx = tx = bx = sx = None
    skin_ref = top_ref = None
    chosen = 0  # index of the leg segment that seeded the bottom
    top_end = 1.05  # body t where the top's prior starts to fall


def _fit_models(sc: _Scene, segments) -> tuple[_Fit, dict]:
    """Fit skin, top, bottom, shoes and (when the shins differ from both) bare legs / hosiery; the info dict
    says which leg segment seeded the bottom, the hem found and whether the shape looks like a dress."""
    f = _Fit()
    f.skin, f.fx = _skin_model(sc.pix(_face_seed(sc)))
    f.tx = sc.pix(_top_seed(sc), ~sc.head_zone)
    f.gm_top = _GMM(f.tx, k=3) if len(f.tx) > 20 else None
    f.top_ref = np.percentile(f.gm_top.loglik(f.tx), TOP_PCT) - TOP_MARGIN if f.gm_top is not None else None
    f.skin_ref = np.percentile(f.skin.loglik(f.fx), 3) if f.skin is not None else None
    info: dict = {}
    found = _bottom_from_legs(sc, segments, f)
    f.top_end = segments[f.chosen][1]
    if not found and HEM_RATIO > 0:
        _bottom_below_hem(sc, segments, f, info)
    info["bottom_segment"] = f.chosen
    f.gm_bot = _GMM(f.bx, k=3) if len(f.bx) > 20 else None
    f.sx = _clean_shoe_seed(sc.pix(_shoe_seed(sc)), _not_shoe_models(f))
    f.gm_shoe = _GMM(f.sx, k=2) if len(f.sx) > 10 else None
    f.gm_legs = _legs_model(sc, segments, f)
    info["legs_model"] = f.gm_legs is not None
    return f, info


def _bottom_from_legs(sc: _Scene, segments, f: _Fit) -> bool:
    """Seed the bottom (``f.chosen``, ``f.bx``) on the first of the upper three leg segments, from the hips
    down, whose colour is neither the top's (long coats) nor skin. False when none is: the bottom pixels are
    then the first segment's."""
    f.chosen, f.bx = 0, sc.pix(segments[0][0])
    for i, (seg, _) in enumerate(segments[:3]):
        px = sc.pix(seg)
        if len(px) < 20:
            continue
        free = _free_of(px, [(f.gm_top, f.top_ref), (f.skin, f.skin_ref)])
        if free.mean() > 0.5:
            f.chosen, f.bx = i, px[free]
            return True
        if f.gm_top is not None:
            # the segment looks like (part of) the top; it *is* the top (long coat) only if the top also looks
            # like it -- a striped top over a black skirt is not a coat
            g_seg = _GMM(px, k=2)
            seg_ref = np.percentile(g_seg.loglik(px), TOP_PCT) - TOP_MARGIN
            if (g_seg.loglik(f.tx) > seg_ref).mean() < SYM_FRAC:
                nonskin = _free_of(px, [(f.skin, f.skin_ref)])
                if nonskin.mean() > 0.5:
                    f.chosen, f.bx = i, px[nonskin]
                    return True
    return False


def _bottom_below_hem(sc: _Scene, segments, f: _Fit, info: dict) -> None:
    """The legs look like the top all the way down (same-colour coat and trousers / tights): look for a hem,
    a sharp narrowing of the silhouette. Below it hosiery or trousers make the garment above a long top (a
    coat: the bottom is seeded under the hem); bare legs make it a same-colour top and skirt / shorts (the
    waist stays the boundary) or, without a gap between the legs, a dress (``info["dress_like"]``)."""
    hem_t = _find_hem(sc.person, sc.body, sc.t_row)
    info["hem_t"] = hem_t
    if hem_t is None:
        return
    below = [(i, seg) for i, (seg, _) in enumerate(segments) if _SEG_START[i] > hem_t + 0.05]
    if not below and HEM_LOW and hem_t > 2.0 and hem_t < 2.8:
        # a hem below the last seed segment's start: seed the bottom on the shins between the hem and the ankles
        below = [(len(segments) - 1, _leg_seed(sc, False, hem_t - 2.0 + 0.08, 0.95, 0.07))]
    if not below:
        return
    i, seg = below[0]  # the first segment under the hem decides
    px = sc.pix(seg)
    nonskin = _free_of(px, [(f.skin, f.skin_ref)]) if len(px) else np.zeros(0, bool)
    if nonskin.sum() >= 20 and nonskin.mean() >= 0.5:
        f.chosen, f.bx = i, px[nonskin]
        f.top_end = hem_t
    elif len(px) >= 20 and hem_t >= 1.5:
        # one colour from the shoulders to a hem above bare legs, with no gap between the legs: a dress
        info["dress_like"] = not _legs_apart(sc.person, sc.body, sc.t_row, 1.25, hem_t - 0.1)


def _not_shoe_models(f: _Fit) -> list:
    """(model, reference) pairs of what a shoe-seed pixel must not look like: skin, the bottom."""
    not_shoe = []
    if f.skin is not None and SHOE_SKIN_PCT > 0:
        not_shoe.append((f.skin, np.percentile(f.skin.loglik(f.fx), SHOE_SKIN_PCT)))
    if f.gm_bot is not None and SHOE_BOT_PCT > 0:
        not_shoe.append((f.gm_bot, np.percentile(f.gm_bot.loglik(f.bx), SHOE_BOT_PCT)))
    return not_shoe


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


def _legs_model(sc: _Scene, segments, f: _Fit):
    """A separate "legs" model when the shins are unlike the bottom (skirt / shorts over bare legs or
    hosiery) and unlike the shoes (boots); None when the bottom was seeded on the shins or they look like it."""
    if f.gm_bot is None or f.chosen >= 2:
        return None
    bot_ref = np.percentile(f.gm_bot.loglik(f.bx), 10)
    shoe_ref = np.percentile(f.gm_shoe.loglik(f.sx), 10) if f.gm_shoe is not None else None
    lx = []
    for seg, _ in segments[2:]:
        px = sc.pix(seg)
        if len(px) >= 20:
            free = _free_of(px, [(f.gm_bot, bot_ref), (f.gm_shoe, shoe_ref)])
            if free.mean() > 0.6:
                lx.append(px[free])
    return _GMM(np.concatenate(lx), k=2) if lx else None


# ---- per-pixel posteriors (only person pixels are evaluated)


def _loglik(g, X: np.ndarray) -> np.ndarray:
    return g.loglik(X) if g is not None else np.full(len(X), _NEG, np.float32)


def _other_score(f: _Fit, X: np.ndarray, tt: np.ndarray) -> np.ndarray:
    """Score of "other" = skin (anywhere), bare legs / hosiery (below the hips). Hair is handled by the neck
    line; a hair colour model below it cost more than it gained."""
    other = []
    if f.skin is not None:
        other.append(COL_SCALE * _loglik(f.skin, X))
    if f.gm_legs is not None:
        other.append(COL_SCALE * _loglik(f.gm_legs, X) + np.where(tt < 1.3, -6.0 * (1.3 - tt), 0))
    return (np.max(other, 0) if other else np.full(len(X), _NEG)) - OTHER_PEN


def _spatial_priors(f: _Fit, tt: np.ndarray) -> dict:
    """Soft log priors of the garments in body coordinates: top from the shoulders to ``f.top_end``, bottom
    from the hips to the ankles (the shins when they have their own model), shoes from the ankles down."""
    top_p = np.where(tt < -0.35, -10 * (-0.35 - tt), 0) + np.where(tt > f.top_end, -TOP_SLOPE * (tt - f.top_end), 0)
    bot_hi = BOT_HI_LEGS if f.gm_legs is not None else 3.1
    bot_p = np.where(tt < 0.8, -10 * (0.8 - tt), 0) + np.where(tt > bot_hi, -6.0 * (tt - bot_hi), 0)
    shoe_p = np.where(tt < SHOE_T, -SHOE_SLOPE * (SHOE_T - tt), 0)
    return {_TOP: top_p, _BOTTOM: bot_p, _SHOES: shoe_p}


def _person_posteriors(sc: _Scene, f: _Fit) -> tuple[np.ndarray, np.ndarray]:
    """(indices of the person's pixels, their posteriors N × 4): colour log-likelihoods plus spatial priors,
    with N_ITER GrabCut-like re-estimations of the garment models from the current labelling (mixed with the
    seeds so they cannot drift away)."""
    K = 4
    idx = np.flatnonzero(sc.person.ravel())
    X = sc.lab.reshape(-1, 3)[idx]
    tt = np.repeat(sc.t_row[:, None], sc.w, axis=1).ravel()[idx]
    hz = sc.head_zone.ravel()[idx]
    S_other = _other_score(f, X, tt)
    priors = _spatial_priors(f, tt)
    seeds = {_TOP: f.tx, _BOTTOM: f.bx, _SHOES: f.sx}
    models = {_TOP: f.gm_top, _BOTTOM: f.gm_bot, _SHOES: f.gm_shoe}
    rng = np.random.default_rng(0)
    P = None  # posteriors of the previous pass (set by the first one)
    for it in range(1 + N_ITER):
        if it > 0:
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
            S[:, k] = COL_SCALE * _loglik(models[k], X) + priors[k]
        S[:, _OTHER] = S_other
        S[hz, :3] = _NEG
        S -= S.max(1, keepdims=True)
        P = np.exp(S)
        P /= P.sum(1, keepdims=True)
    return idx, P


def _smooth_posteriors(post: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """Edge-aware smoothing of the posteriors (guided filter on the photo), renormalised."""
    try:
        gf = cv2.ximgproc.createGuidedFilter(rgb, GF_R, (GF_EPS * 255) ** 2)
        post = np.stack([gf.filter(post[..., k]) for k in range(post.shape[-1])], -1)
    except AttributeError:  # opencv without contrib
        post = cv2.blur(post, (5, 5))
    post = np.clip(post, 0, None)
    post /= post.sum(-1, keepdims=True) + 1e-6
    return post


def _segment(rgb: np.ndarray, body: _Body, person_soft: np.ndarray):
    """Return (posterior HxWx4 float32 over top/bottom/shoes/other, info dict)."""
    sc = _Scene(rgb, body, person_soft)
    f, info = _fit_models(sc, _leg_segments(sc))
    idx, P = _person_posteriors(sc, f)
    post = np.zeros((sc.h * sc.w, 4), np.float32)
    post[:, _OTHER] = 1.0
    post[idx] = P
    return _smooth_posteriors(post.reshape(sc.h, sc.w, 4), rgb), info


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


def colour_posteriors(small: np.ndarray, landmarks: np.ndarray, person_soft: np.ndarray) -> np.ndarray:
    """The colour models' posteriors (H × W × 4: top, bottom, shoes, other) on the working copy."""
    return _segment(small, _Body(landmarks), person_soft)[0]


def fuse(post: np.ndarray, net: np.ndarray, weight) -> np.ndarray:
    """Weighted geometric mean of the colour posteriors and the parser's probabilities over the same four
    classes (``weight`` = the parser's share: one number, or one per class), renormalised."""
    f = np.exp((1.0 - weight) * np.log(post + 1e-4) + weight * np.log(net + 1e-4))
    return (f / f.sum(-1, keepdims=True)).astype(np.float32)


def colour_masks(small: np.ndarray, landmarks: np.ndarray, person_soft: np.ndarray, post: np.ndarray | None = None):
    """Top, bottom and shoes by the colour models on the working copy: (masks, soft maps, scores) per item.
    ``post``: posteriors to label from instead of ``colour_posteriors`` (e.g. ``fuse``d with the parser's)."""
    h, w = small.shape[:2]
    person = person_soft > 0.5
    body = _Body(landmarks)
    if post is None:
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
