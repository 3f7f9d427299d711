package dev.bulwark.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service behaves while PostgreSQL is away, the counterpart of {@link RedisResilience}: once the pool has
 * tried to open a connection and the database refused it or could not be reached, a request waits at most 100 ms for
 * a connection (time to take an idle one) instead of Hikari's connection timeout (2 s) for a connection nobody can
 * open. One request a second still waits the whole timeout, and Hikari keeps trying to connect in the background, so
 * the first connection opened ends the short waits. A database that answers is not affected, nor a pool that is
 * merely busy (every connection lent out): requests wait for a connection as always.
 *
 * <p>Found by {@code ./bulwark bench faults} (postgres): a registration that had hashed its password while PostgreSQL
 * stopped then waited the whole 2 s for a pool that had already seen the database refuse.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HikariDataSource.class)
class DatabaseResilience {

    @Bean
    static BeanPostProcessor failFastWhileDatabaseRefuses(ObjectProvider<Clock> clock) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof HikariDataSource pool)
                        || pool.getDataSource() != null
                        || pool.getJdbcUrl() == null) {
                    return bean; // a pool given its own DataSource (or JNDI) is left as configured
                }
                DatabaseReachability reachability = new DatabaseReachability(clock.getIfAvailable(Clock::systemUTC));
                // What Hikari would build from the same settings, so driver properties and credentials stay the same.
                DriverDataSource driver = new DriverDataSource(
                        pool.getJdbcUrl(),
                        pool.getDriverClassName(),
                        pool.getDataSourceProperties(),
                        pool.getUsername(),
                        pool.getPassword());
                pool.setDataSource(new ConnectionOpening(driver, reachability));
                return new FailFastDataSource(pool, reachability);
            }
        };
    }
}
