package com.acme.wallet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The architecture rules, over any root package, so that the same rules can be shown to catch
 * violations in a fixture (see {@code ArchitectureRulesBiteTest}).
 *
 * <p>One Maven module is one root package and one layer: {@code domain} (money only),
 * {@code application} (its use cases and what they take and answer in {@code application.port.in},
 * their services in {@code application.service}, its outbound ports and what travels through
 * them in {@code application.port.out}), {@code adapter.http}, {@code adapter.pulsar},
 * {@code adapter.postgres}, and the programs under {@code app}.
 */
final class WalletArchitecture {

    private static final String[] TECHNOLOGY_PREFIXES = {"Javalin", "Pulsar", "Jdbi", "Postgres", "InMemory"};

    private WalletArchitecture() {}

    static ArchRule onionLayering(String root) {
        return onionArchitecture()
                .domainModels(root + ".domain")
                .domainServices(root + ".application.port..")
                .applicationServices(root + ".application..")
                .adapter("http", root + ".adapter.http..")
                .adapter("pulsar", root + ".adapter.pulsar..")
                .adapter("postgres", root + ".adapter.postgres..")
                // Optional so that the broken fixture, which has no Pulsar adapter, is judged on its dependencies.
                .withOptionalLayers(true)
                // The programs stand outside the onion: wiring every ring together is their job.
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(root + ".app.."), DescribedPredicate.alwaysTrue())
                .because("dependencies point inwards: adapters on the core, never the core on adapters, "
                        + "and adapters never on each other");
    }

    static ArchRule domainDependsOnTheJdkOnly(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..")
                .because("the domain is also a library inside other JVM services and must stay dependency-free");
    }

    static ArchRule applicationDependsOnTheDomainOnly(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", root + ".domain..", root + ".application..")
                .because("use cases must not know which framework or infrastructure runs them");
    }

    static ArchRule onlyProgramsKnowAdapters(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".adapter..", root + ".app..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                .because("only the programs wire adapters");
    }

    static ArchRule nothingDependsOnPrograms(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".app..")
                .should().dependOnClassesThat().resideInAPackage(root + ".app..")
                .because("the programs are the outermost ring: wiring only");
    }

    static ArchRule onlyProgramsHaveMainMethods(String root) {
        return methods().that().haveName("main").and().areStatic()
                .and().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .should().beDeclaredInClassesThat().resideInAPackage(root + ".app..")
                .because("only the programs are started");
    }

    static ArchRule portsAreInterfacesNamedForTheirCapability(String root) {
        return classes().that().resideInAPackage(root + ".application.port.out..").and().areInterfaces()
                .and().doNotHaveSimpleName("package-info")
                .should().haveSimpleNameEndingWith("Port")
                .because("outbound ports are narrow interfaces named by capability, like AppendWalletEventsPort");
    }

    static ArchRule useCasesAreInterfaces(String root) {
        return classes().that().haveSimpleNameEndingWith("UseCase")
                .should().beInterfaces().andShould().resideInAPackage(root + ".application.port.in")
                .because("inbound ports are interfaces of the application layer, in its port.in package");
    }

    static ArchRule servicesWriteThroughTheWriter(String root) {
        return noClasses().that().resideInAPackage(root + ".application.service..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port.out..")
                .because("the use-case services reach the log and the store only through the single writer, "
                        + "which orders every change of a wallet");
    }

    static ArchRule portImplementationsAreNamedForTheirTechnology(String root) {
        return classes().that().implement(portOf(root)).and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .and().resideOutsideOfPackage(root + ".application")
                .should().haveNameMatching(".*\\.(" + String.join("|", TECHNOLOGY_PREFIXES) + ")[A-Za-z]+")
                .andShould().resideInAnyPackage(root + ".adapter..", root + ".application.inmemory..")
                .because("adapters are named technology + role, like PulsarEventLog, and live in adapters; "
                        + "only the application's own compositions of ports (SnapshotAndLogLoader) are exempt");
    }

    static List<ArchRule> all(String root) {
        return List.of(
                onionLayering(root),
                domainDependsOnTheJdkOnly(root),
                applicationDependsOnTheDomainOnly(root),
                onlyProgramsKnowAdapters(root),
                nothingDependsOnPrograms(root),
                onlyProgramsHaveMainMethods(root),
                portsAreInterfacesNamedForTheirCapability(root),
                useCasesAreInterfaces(root),
                servicesWriteThroughTheWriter(root),
                portImplementationsAreNamedForTheirTechnology(root));
    }

    private static DescribedPredicate<JavaClass> portOf(String root) {
        return new DescribedPredicate<>("an outbound port of " + root) {
            @Override
            public boolean test(JavaClass candidate) {
                return candidate.isInterface() && candidate.getPackageName().startsWith(root + ".application.port.out");
            }
        };
    }
}
