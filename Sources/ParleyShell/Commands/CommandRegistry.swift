/// Every verb, in the order `help` lists them.
package enum CommandRegistry {
    package static var all: [any Command.Type] {
        [
            LoadCommand.self, InfoCommand.self, SpeakersCommand.self, TurnsCommand.self,
            FilterCommand.self, SubsetCommand.self, KwicCommand.self, ContextCommand.self, ClustersCommand.self, CountCommand.self, FreqCommand.self,
            CollocatesCommand.self, DispersionCommand.self, CompareCommand.self, KeywordsCommand.self, PlotCommand.self,
            AliasCommand.self, SetCommand.self, NoteCommand.self, SaveCommand.self, RecordCommand.self,
            HelpCommand.self, QuitCommand.self,
        ]
    }

    /// The verb called `name` (or one of its aliases).
    package static func command(named name: String) -> (any Command.Type)? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    package static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }
}
