/// `help query`: the query language, simple queries and CQP patterns, with where Parley differs
/// from CQP.
enum QueryHelp {
    static let page = """
        Queries (kwic, count, collocates, dispersion, clusters, filter contains:)

        Simple queries
          court                a word, ignoring case (its type: lower case, ’ as ')
          terror*  ?ussia      a wildcard: * any run of characters, ? one character
          /terror(ism|ist)s?/  a regular expression over the whole word (ICU's syntax)
          "fight against *"    a phrase in quotes; * alone is any one word
          {go}                 every form of a lemma: go, goes, going, gone, went
          "(laughter)"         transcription notes, in parentheses (count and kwic)
          --case matches case as written.

        CQP patterns: a query that starts with [ or < (or ( or a "word" followed by more of
        one) is a token pattern in the syntax of CWB's CQP, typed as it is, without quoting:
          [lower="may"] []{0,3} [lower="court"]      may, up to three tokens, court
          <turn> [lower="thank"] [lower="you"]       thank you opening a turn
          [lower="constitution.*" & word="[A-Z].*"]  a capitalised constitution…
          [lemma="go"] [lower="to"]  {go} [lower="to"]
          [word="Court"] | [word="Congress"]          alternatives
          ([lower="the"] | [lower="this"]) [lower="court"]
          [lower="court"] </turn>                      court ending a turn
          [lower="court"] [lower="thank"] within doc   across a turn's end
        Tokens: [] is any token; [attribute="value"] or != tests one, and & | ! and parentheses
        combine tests inside the brackets. Attributes: word (as written), lower (the type),
        lemma, speaker (the turn's speaker; "" before any speaker). A value is a regular
        expression matched against the whole value; %c ignores case, %d diacritics (é = e),
        %l takes the value literally: [word="U.S."%l]. Inside quotes \\" is a quote.
        Sequences: tokens side by side; repetition: ? * + {n} {n,m} {n,} {,m} after a token or a
        group in parentheses; | between sequences; <turn> and </turn> (or <u> </u>) anchor.
        Every match is the shortest from its start, and a match inside an earlier one is
        dropped: CQP's default (standard) matching strategy. Matches never cross a turn, unless
        the pattern ends with within doc.

        Where Parley differs from CQP
          - The attributes are word, lower, lemma and speaker; there is no part-of-speech layer,
            so [pos=...] is an error. lower is Parley's type (full lower case, ’ as ').
          - Lemmas come from a lookup table (load --lemmas), one lemma a form, whatever its use.
          - The only structure is the turn: <turn>, </turn>, within turn (the default, where CQP
            has none) and within doc; <s>, <p> and within s are errors.
          - Only the standard matching strategy; no labels (a:[...]), targets (@), global
            constraints (::), MU, TAB, subqueries or named query results.
          - A lone "word" stays a simple phrase (case ignored): in CQP it is [word="word"].
            Write [word="Court"], or "Court" followed by more pattern.
          - Regular expressions are ICU's (PCRE-like), as CQP's are PCRE; a repetition counts up
            to 100; a pattern must match at least one token; {go} is Parley's, not CQP's.
          - Unsupported or malformed syntax is an error with a caret, never an empty answer.
        """
}
