package dev.bulwark.access;

import org.springframework.data.repository.ListCrudRepository;

interface RoleRepository extends ListCrudRepository<Role, String> {}
