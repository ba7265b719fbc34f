package dev.cutover.notification.repository;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepository<Delivery> {

    /** The oldest pending delivery of each receiver: deliveries to one receiver go out in order. */
    public List<Delivery> headsOfQueues() {
        return list("status = ?1 and id in (select min(d.id) from Delivery d where d.status = ?1 group by d.receiver)",
                Delivery.Status.PENDING);
    }

    public List<Delivery> search(Delivery.Status status, String receiver, int limit) {
        if (receiver == null) {
            return status == null ? find("order by id desc").page(0, limit).list()
                    : find("status = ?1 order by id desc", status).page(0, limit).list();
        }
        return status == null ? find("receiver = ?1 order by id desc", receiver).page(0, limit).list()
                : find("status = ?1 and receiver = ?2 order by id desc", status, receiver).page(0, limit).list();
    }
}
