package city.iam.kernel.job;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The jobs modules offer, registered from their factories' {@code postInit}. It exists from the kernel
 * factory's construction, so registration does not depend on the order Keycloak calls {@code postInit} in.
 */
public final class JobRegistry {

    private final List<Job> jobs = new CopyOnWriteArrayList<>();

    public static JobRegistry of(KeycloakSessionFactory factory) {
        return ((JobEntityProviderFactory) factory.getProviderFactory(JpaEntityProvider.class, JobEntityProviderFactory.ID)).registry();
    }

    public void register(Job job) {
        jobs.removeIf(j -> j.name().equals(job.name()));
        jobs.add(job);
    }

    public Optional<Job> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return jobs.stream().map(Job::name).sorted().toList();
    }

    List<Job> all() {
        return jobs;
    }
}
