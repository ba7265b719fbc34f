package dev.cutover.notification;

import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.ServiceContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CutoverTestResources.class)
@WithTestResource(TestReceivers.class) // the same resources in every class of this module: one application, no restart between classes
class NotificationServiceContractTest extends ServiceContract {
}
