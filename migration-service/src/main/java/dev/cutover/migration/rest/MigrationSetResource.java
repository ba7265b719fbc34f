package dev.cutover.migration.rest;

import java.util.List;
import java.util.SortedMap;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.cutover.migration.migrationset.InvalidMigrationSetException;
import dev.cutover.migration.migrationset.MigrationSet;
import dev.cutover.migration.migrationset.MigrationSetManifest;
import dev.cutover.migration.service.MigrationSetCatalogue;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/migration-sets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "migration sets")
public class MigrationSetResource {

    private final MigrationSetCatalogue catalogue;

    public MigrationSetResource(MigrationSetCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A set as found on disk: its manifest and checksums, or the problems that keep it from running. */
    public record MigrationSetView(String id, MigrationSetManifest manifest, String checksum,
            SortedMap<String, String> files, List<String> problems) {
    }

    @GET
    @Operation(summary = "Every migration set under the sets directory, with its checksum or its problems")
    @RolesAllowed({ Roles.PERSON })
    public List<MigrationSetView> list() {
        return catalogue.ids().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One migration set")
    @RolesAllowed({ Roles.PERSON })
    public MigrationSetView get(@PathParam("id") String id) {
        if (!catalogue.ids().contains(id)) {
            throw ProblemException.notFound("no migration set " + id);
        }
        return view(id);
    }

    private MigrationSetView view(String id) {
        try {
            MigrationSet set = catalogue.read(id);
            return new MigrationSetView(id, set.manifest(), set.checksum(), set.files(), List.of());
        } catch (InvalidMigrationSetException e) {
            return new MigrationSetView(id, null, null, null, e.problems());
        }
    }
}
