package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnswersTests {

    @ParameterizedTest(name = "group {0}, name {1}, package {2} is refused: {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "com.Acme | orders | com.acme.orders | not a Java package name",
                "com.acme | Orders | com.acme.orders | not a project name",
                "com.acme | orders- | com.acme.orders | not a project name",
                "com.acme | ordérs | com.acme.orders | not a project name",
                "com.acme | orders | com.acme.class | Java keyword",
                "com.acme | orders | com..orders | not a Java package name",
                "com.acme | orders | com.acme.órders | not a Java package name",
                "int.acme | orders | com.acme.orders | Java keyword",
            })
    void badAnswersAreRefusedWithTheReason(String group, String name, String packageName, String reason) {
        assertThatThrownBy(() -> new Answers(group, name, packageName, "x"))
                .isInstanceOf(CliError.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "a description with U+{0} is refused")
    @ValueSource(strings = {"0000", "000a", "001b", "202e"})
    void descriptionsHoldNoControlCharacters(String codePoint) {
        String description = "bad" + Character.toString(Integer.parseInt(codePoint, 16)) + "description";

        assertThatThrownBy(() -> new Answers("com.acme", "orders", "com.acme.orders", description))
                .isInstanceOf(CliError.class)
                .hasMessageContaining("no control characters");
    }

    @org.junit.jupiter.api.Test
    void namesDeriveFromTheProjectName() {
        Answers answers = new Answers("com.acme", "order-service", "com.acme.orders", "x");

        assertThat(answers.typePrefix()).isEqualTo("OrderService");
        assertThat(answers.title()).isEqualTo("Order Service");
        assertThat(answers.snakeName()).isEqualTo("order_service");
        assertThat(answers.problemBaseUri()).isEqualTo("https://order-service.acme.com/problems/");
        assertThat(Answers.defaultPackage("com.acme", "order-service")).isEqualTo("com.acme.orderservice");
    }
}
