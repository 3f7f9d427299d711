import dev.bulwark.BulwarkApplication;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts Bulwark with Spring's buffering startup recorder, then prints where the start went: the JVM before
 * {@code SpringApplication.run}, each kind of startup step by its own time (its children's time taken out), and the
 * beans that took longest to create. Run by bench/startup-steps.sh, which puts this class beside the extracted jar.
 */
public class StartupSteps {

    public static void main(String[] args) {
        long before = ManagementFactory.getRuntimeMXBean().getUptime();
        BufferingApplicationStartup recorder = new BufferingApplicationStartup(100_000);
        SpringApplication application = new SpringApplication(BulwarkApplication.class);
        application.setMainApplicationClass(BulwarkApplication.class); // finds the Spring AOT initializer, if any
        application.setApplicationStartup(recorder);
        ConfigurableApplicationContext context = application.run(args);
        long started = ManagementFactory.getRuntimeMXBean().getUptime();
        List<TimelineEvent> events = recorder.getBufferedTimeline().getEvents();
        Map<Long, Long> children = new HashMap<>();
        for (TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                children.merge(parent, event.getDuration().toNanos(), Long::sum);
            }
        }
        Map<String, Long> steps = new HashMap<>();
        Map<String, Long> beans = new HashMap<>();
        for (TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            long own = event.getDuration().toNanos() - children.getOrDefault(step.getId(), 0L);
            steps.merge(step.getName(), own, Long::sum);
            if (step.getName().equals("spring.beans.instantiate")) {
                beans.merge(tag(step, "beanName"), own, Long::sum);
            }
        }
        System.out.printf("STEPS JVM before run %d ms; to \"Started\" %d ms%n", before, started);
        print("STEP", steps, 15);
        print("BEAN", beans, 15);
        context.close();
        System.exit(0);
    }

    private static String tag(StartupStep step, String key) {
        for (StartupStep.Tag tag : step.getTags()) {
            if (tag.getKey().equals(key)) {
                return tag.getValue();
            }
        }
        return "?";
    }

    private static void print(String label, Map<String, Long> ownNanos, int top) {
        ownNanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%s %-70s %6d ms%n", label, e.getKey(), e.getValue() / 1_000_000));
    }
}
