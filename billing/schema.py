"""OpenAPI security schemes of the two authentication classes (loaded by BillingConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "billing.auth.BearerKeyAuthentication"
    name = "BearerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "API key as `Authorization: Bearer <key>` (workflows API).",
        }


class HeaderKeyScheme(OpenApiAuthenticationExtension):
    target_class = "billing.auth.HeaderKeyAuthentication"
    name = "ApiKeyHeader"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "x-api-key", "description": "API key (extractor API)."}
