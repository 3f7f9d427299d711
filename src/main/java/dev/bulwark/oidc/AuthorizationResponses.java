package dev.bulwark.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/** The provider's answer at the callback, as Spring Security's type, and its RFC 9207 issuer check. */
final class AuthorizationResponses {

    private static final String ISS = "iss";

    private AuthorizationResponses() {}

    /**
     * RFC 9207: a provider that sends {@code iss} with the code names itself; a different issuer means the response
     * came from another provider (mix-up attack). A provider that announces the parameter must send it.
     */
    static void checkIssuer(HttpServletRequest request, ClientRegistration registration) {
        String iss = request.getParameter(ISS);
        Object announced = registration
                .getProviderDetails()
                .getConfigurationMetadata()
                .get("authorization_response_iss_parameter_supported");
        if (iss == null
                ? Boolean.TRUE.equals(announced)
                : !iss.equals(registration.getProviderDetails().getIssuerUri())) {
            throw WebSignIn.refused("issuer-mismatch");
        }
    }

    static OAuth2AuthorizationResponse of(HttpServletRequest request, String redirectUri) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        String error = request.getParameter(OAuth2ParameterNames.ERROR);
        if (error != null) {
            return OAuth2AuthorizationResponse.error(error)
                    .redirectUri(redirectUri)
                    .state(state)
                    .build();
        }
        String code = request.getParameter(OAuth2ParameterNames.CODE);
        if (code == null || code.isBlank()) {
            throw WebSignIn.refused("missing-code");
        }
        return OAuth2AuthorizationResponse.success(code)
                .redirectUri(redirectUri)
                .state(state)
                .build();
    }
}
