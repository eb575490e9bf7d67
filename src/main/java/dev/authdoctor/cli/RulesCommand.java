package dev.authdoctor.cli;

import picocli.CommandLine;

/** What every command that runs rules has: the rule options, its own spec, and the top command's streams. */
abstract class RulesCommand {

    @CommandLine.Mixin
    RuleOptions rules;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;
}
