package dev.cutover.monitoring;

import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.ServiceContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class MonitoringServiceContractTest extends ServiceContract {
}
