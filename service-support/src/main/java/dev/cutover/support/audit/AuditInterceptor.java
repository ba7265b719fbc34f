package dev.cutover.support.audit;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.support.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Writes one request-audit row per call of an {@link Audited} endpoint, answered or refused by the
 * endpoint itself (authentication and role refusals happen before it, and are counted and logged by
 * the problem mappers): the principal and roles, the operation as {@code METHOD /path/template},
 * the subject (the {@code id} path parameter, else {@code rolloutId}), the SHA-256 of the request
 * as read (body and parameters as JSON) and the status it got.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    private final AuditLog log;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public AuditInterceptor(AuditLog log, SecurityIdentity identity, ObjectMapper json) {
        this.log = log;
        this.identity = identity;
        this.json = json;
    }

    @AroundInvoke
    Object audit(InvocationContext invocation) throws Exception {
        int status = 500;
        try {
            Object answer = invocation.proceed();
            status = answer instanceof Response response ? response.getStatus() : 200;
            return answer;
        } catch (ProblemException e) {
            status = e.problem().status();
            throw e;
        } catch (WebApplicationException e) {
            status = e.getResponse().getStatus();
            throw e;
        } catch (ConstraintViolationException e) {
            status = 400;
            throw e;
        } finally {
            Method method = invocation.getMethod();
            log.record(new AuditLog.Entry(identity.getPrincipal().getName(), identity.getRoles(), operation(method),
                    subject(method, invocation.getParameters()), digest(invocation.getParameters()), status));
        }
    }

    private static String operation(Method method) {
        String verb = method.isAnnotationPresent(POST.class) ? "POST" : method.isAnnotationPresent(PUT.class) ? "PUT"
                : method.isAnnotationPresent(DELETE.class) ? "DELETE" : "?";
        Path type = method.getDeclaringClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String path = ((type == null ? "" : type.value()) + "/" + (own == null ? "" : own.value())).replaceAll("/+", "/");
        return verb + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    private static String subject(Method method, Object[] arguments) {
        String byQuery = null;
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            PathParam path = parameters[i].getAnnotation(PathParam.class);
            QueryParam query = parameters[i].getAnnotation(QueryParam.class);
            if (path != null && path.value().equals("id") && arguments[i] != null) {
                return arguments[i].toString();
            }
            if (query != null && query.value().equals("rolloutId") && arguments[i] != null) {
                byQuery = arguments[i].toString();
            }
        }
        return byQuery;
    }

    private String digest(Object[] arguments) {
        try {
            byte[] bytes = json.writeValueAsBytes(arguments == null ? List.of() : Arrays.asList(arguments));
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            return "sha256:unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
