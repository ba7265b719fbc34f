package dev.cutover.support.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Signs a REST client's calls to another Cutover service with this service's identity. */
public class ServiceTokenFilter implements ClientRequestFilter {

    @Inject
    ServiceToken token;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.bearer());
    }
}
