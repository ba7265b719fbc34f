package dev.cutover.support.target;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link SafeTargetUrl}: the URL's own faults, then whether it is the control database this service keeps its state in. */
@ApplicationScoped
public class SafeTargetUrlValidator implements ConstraintValidator<SafeTargetUrl, String> {

    private final Optional<TargetUrl> control;

    public SafeTargetUrlValidator(@ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> controlUrl) {
        this.control = controlUrl.flatMap(url -> TargetUrl.parse(url.replaceFirst("\\?.*", "")).url());
    }

    @Override
    public boolean isValid(String jdbcUrl, ConstraintValidatorContext context) {
        if (jdbcUrl == null) {
            return true; // @NotBlank says so
        }
        TargetUrl.Parsed parsed = TargetUrl.parse(jdbcUrl);
        String problem = parsed.problem();
        if (problem == null && control.isPresent() && parsed.url().orElseThrow().sameDatabaseAs(control.get())) {
            problem = "must not be Cutover's own control database";
        }
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$")).addConstraintViolation();
        return false;
    }
}
