package dev.cutover.support.target;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A target's JDBC URL that can only reach a database: no user or password in it, no driver
 * property outside {@link TargetUrl#ALLOWED_PROPERTIES} (those that load classes, files or
 * loggers, or set server options, are refused), and never the control database.
 */
@Constraint(validatedBy = SafeTargetUrlValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeTargetUrl {

    String message() default "is not a target URL Cutover may connect to";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
