package city.iam.lifecycle.jpa;

import city.iam.kernel.job.JobRegistry;
import city.iam.lifecycle.birthright.BirthrightSweep;
import city.iam.lifecycle.finding.HygieneScan;
import city.iam.lifecycle.inactivity.InactivitySweep;
import city.iam.lifecycle.leaver.LeaverSweep;
import city.iam.lifecycle.temporary.TemporaryAccessJob;
import city.iam.lifecycle.tracker.LastAuthBackfill;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.jpa.ReviewNoticeEntity;
import city.iam.review.remediation.ReviewJob;
import city.iam.review.drift.DriftScan;
import city.iam.review.sod.SodScan;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * Registers the lifecycle module's tables and its jobs. The id names Liquibase's tracking table (first ten
 * letters, {@code cityiam-li}): never rename.
 */
public class LifecycleEntityProvider implements JpaEntityProviderFactory {

    public static final String ID = "cityiam-lifecycle";

    private static final JpaEntityProvider TABLES = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return List.of(UserAuthEntity.class, ClientAuthEntity.class, InactivityStateEntity.class, NoticeEntity.class, FindingEntity.class,
                    TemporaryGrantEntity.class, BirthrightEntity.class, CampaignEntity.class, ItemEntity.class, ReviewNoticeEntity.class,
                    MoverStateEntity.class, ClientOwnershipEntity.class, AttestationEntity.class, ExtensionRequestEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return "META-INF/cityiam-lifecycle-changelog.xml";
        }

        @Override
        public String getFactoryId() {
            return ID;
        }

        @Override
        public void close() {
        }
    };

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return TABLES;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        JobRegistry jobs = JobRegistry.of(factory);
        jobs.register(new InactivitySweep());
        jobs.register(new LastAuthBackfill());
        jobs.register(new HygieneScan());
        jobs.register(new LeaverSweep());
        jobs.register(new TemporaryAccessJob());
        jobs.register(new BirthrightSweep());
        jobs.register(new ReviewJob());
        jobs.register(new SodScan());
        jobs.register(new DriftScan());
        factory.register(new LifecycleCleanup());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
