package com.acme.wallet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Shows that the architecture rules are not empty: each one reports a violation in a fixture that
 * breaks it on purpose. A rule pointing at a package that does not exist would pass silently here
 * too, which is why every rule is checked, one by one.
 */
class ArchitectureRulesBiteTest {

    private static final String FIXTURE_ROOT = "com.acme.archfixture";
    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(FIXTURE_ROOT);

    @TestFactory
    Stream<DynamicTest> every_rule_reports_the_fixture_that_breaks_it() {
        return WalletArchitecture.all(FIXTURE_ROOT).stream().map(rule -> DynamicTest.dynamicTest(
                rule.getDescription(), () -> assertThat(rule.evaluate(FIXTURE).hasViolation())
                        .as("rule should catch the fixture: %s", rule.getDescription())
                        .isTrue()));
    }

    @Test
    void the_onion_rule_names_the_adapter_that_depends_on_another_adapter() {
        EvaluationResult result = WalletArchitecture.onionLayering(FIXTURE_ROOT).evaluate(FIXTURE);

        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("adapter.http.Web").contains("adapter.postgres.Saver"));
    }

    @Test
    void the_domain_rule_names_the_domain_class_that_reaches_outwards() {
        ArchRule rule = WalletArchitecture.domainDependsOnTheJdkOnly(FIXTURE_ROOT);

        assertThat(rule.evaluate(FIXTURE).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("domain.Money").contains("application.Service"));
    }

    @Test
    void the_examples_rules_name_the_example_that_reaches_past_the_domain_and_the_class_that_uses_an_example() {
        assertThat(WalletArchitecture.examplesDependOnTheDomainOnly(FIXTURE_ROOT).evaluate(FIXTURE)
                .getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("example.Embedder").contains("application.Service"));
        assertThat(WalletArchitecture.nothingDependsOnExamples(FIXTURE_ROOT).evaluate(FIXTURE)
                .getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("application.UsesExample").contains("example.Embedder"));
    }

    @Test
    void the_client_rule_names_the_client_class_that_uses_the_service_s_classes() {
        assertThat(WalletArchitecture.clientDependsOnTheJdkAndJacksonOnly(FIXTURE_ROOT).evaluate(FIXTURE)
                .getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("client.Caller").contains("domain.Money"));
    }

    @Test
    void the_program_rule_names_the_program_class_holding_logic_and_spares_the_entry_point_and_its_version() {
        EvaluationResult result = WalletArchitecture.programsAreEntryPointsAndCommandLinesOnly(FIXTURE_ROOT)
                .evaluate(FIXTURE);

        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("archfixture.app.Report"))
                .noneSatisfy(line -> assertThat(line).contains("archfixture.app.Main"))
                .noneSatisfy(line -> assertThat(line).contains("archfixture.app.Version"));
    }
}
