package dev.bulwark.supplier;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SupplierRepository extends JpaRepository<Supplier, UUID> {}
