package dev.cutover.benchmark.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.benchmark.report.ReportPages;
import dev.cutover.benchmark.service.BenchmarkRequest;
import dev.cutover.benchmark.service.BenchmarkService;
import dev.cutover.benchmark.service.BenchmarkView;
import dev.cutover.benchmark.stats.ComparisonReport;
import dev.cutover.benchmark.stats.RunComparator;
import dev.cutover.support.audit.Audited;
import dev.cutover.support.rest.Ids;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "benchmarks")
public class BenchmarkResource {

    private final BenchmarkService service;
    private final ReportPages pages;

    public BenchmarkResource(BenchmarkService service, ReportPages pages) {
        this.service = service;
        this.pages = pages;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a suite against a target in the background")
    @RolesAllowed({ Roles.DBA, Roles.OPERATOR, Roles.MIGRATION_SERVICE })
    @Audited
    public Response start(@Valid @NotNull BenchmarkRequest request) {
        BenchmarkView benchmark = service.start(request);
        return Response.accepted(benchmark).location(URI.create("/benchmarks/" + benchmark.id())).build();
    }

    @GET
    @Operation(summary = "The most recent benchmarks")
    @RolesAllowed({ Roles.PERSON })
    public List<BenchmarkView> recent(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return service.recent(limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A benchmark's state and progress")
    @RolesAllowed({ Roles.PERSON, Roles.MIGRATION_SERVICE })
    public BenchmarkView get(@PathParam("id") String id) {
        return service.get(Ids.uuid("id", id));
    }

    @GET
    @Path("/{id}/results")
    @Operation(summary = "Every query's latency summary, raw latencies and EXPLAIN evidence (what was gathered, for a failed run)")
    @RolesAllowed({ Roles.PERSON })
    public String results(@PathParam("id") String id) {
        return service.results(Ids.uuid("id", id));
    }

    @GET
    @Path("/{id}/load-test")
    @Operation(summary = "The load test's throughput, mean/p50/p95/p99/max latency, error rate and operations per query")
    @RolesAllowed({ Roles.PERSON })
    public String loadTest(@PathParam("id") String id) {
        return service.loadTest(Ids.uuid("id", id));
    }

    @GET
    @Path("/{id}/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A self-contained HTML report of one run: latency table, distributions, EXPLAIN evidence, load test")
    @RolesAllowed({ Roles.PERSON })
    public String report(@PathParam("id") String id) {
        return pages.run(service.report(Ids.uuid("id", id)));
    }

    @GET
    @Path("/compare")
    @Operation(summary = "Baseline vs candidate per query: Hodges-Lehmann shift, 98 % Mann-Whitney interval, verdict")
    @RolesAllowed({ Roles.PERSON })
    public ComparisonReport compare(@QueryParam("baseline") String baseline, @QueryParam("candidate") String candidate,
            @QueryParam("noiseThreshold") @DefaultValue("" + RunComparator.DEFAULT_NOISE_THRESHOLD)
            @DecimalMin("0.0") @DecimalMax("10.0") double noiseThreshold) {
        return service.compare(required("baseline", baseline), required("candidate", candidate), noiseThreshold);
    }

    @GET
    @Path("/compare/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The comparison as a self-contained HTML report: before/after bars with interval whiskers,"
            + " distributions, verdicts, EXPLAIN evidence")
    @RolesAllowed({ Roles.PERSON })
    public String compareReport(@QueryParam("baseline") String baseline, @QueryParam("candidate") String candidate,
            @QueryParam("noiseThreshold") @DefaultValue("" + RunComparator.DEFAULT_NOISE_THRESHOLD)
            @DecimalMin("0.0") @DecimalMax("10.0") double noiseThreshold) {
        return pages.comparison(service.comparisonReport(required("baseline", baseline), required("candidate", candidate),
                noiseThreshold));
    }

    private static UUID required(String field, String value) {
        if (value == null) {
            throw ProblemException.badRequest(field, "required");
        }
        return Ids.uuid(field, value);
    }
}
