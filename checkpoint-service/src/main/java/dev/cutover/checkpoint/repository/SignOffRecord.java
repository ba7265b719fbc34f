package dev.cutover.checkpoint.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person's approval or rejection of a checkpoint, as one of the roles it asks for. */
@Entity
@Table(name = "sign_off")
public class SignOffRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "checkpoint_id", nullable = false)
    public UUID checkpointId;

    @Column(nullable = false)
    public String signer;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public boolean approved;

    public String comment;

    @Column(name = "evidence_digest", nullable = false)
    public String evidenceDigest;

    @Column(name = "signed_at", nullable = false)
    public Instant signedAt;
}
