import MatcherPlugins

/// The built-in matchers the command line knows by name (`--matcher NAME`). No global registry: commands pass
/// this table to ``MatcherFactory``.
enum BuiltInMatchers {
    static var table: [String: MatcherFactory.BuiltIn] {
        MatcherFactory.plumbingBuiltIns
    }
}
