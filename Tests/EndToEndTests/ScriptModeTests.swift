import Foundation
import Testing

@Suite("Script mode through the built binary")
struct ScriptModeTests {
    @Test("info and speakers print the seed totals, nothing on stderr, status 0")
    func infoAndSpeakers() throws {
        let result = try ParleyProcess.run(input: "info\nspeakers\n")
        let expected = """
            corpus                 seeds (built in)
            documents              1
            turns                  5
            preamble               0
            speakers               2
            tokens                 927
            outside_speech_tokens  0
            types                  391
            filter
            selected_turns         5
            selected_tokens        927
            analysed_tokens        927
            speaker         turns  tokens  types  percent
            --------------  -----  ------  -----  -------
            Vladimir Putin      3     760    332     82.0
            Ilya Petrenko       2     167    120     18.0

            """
        #expect(result.stdout == expected)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("turns --format json gives the five turns")
    func turnsJSON() throws {
        let result = try ParleyProcess.run(input: "turns --format json\n")
        let turns = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(turns.map { $0["tokens"] as? Int } == [29, 39, 5, 128, 726])
        #expect(result.status == 0)
    }

    @Test("an unknown command: nothing on stdout, one line on stderr, status 1")
    func unknownCommand() throws {
        let result = try ParleyProcess.run(input: "frobnicate\n")
        #expect(result.stdout == "")
        #expect(result.stderr == "parley: line 1: unknown command \"frobnicate\"; \"help\" lists the commands\n")
        #expect(result.status == 1)
    }

    @Test("the first error ends the run unless --keep-going; line numbers count every line")
    func keepGoing() throws {
        let script = "# totals\n\nturns --limit x\ninfo --format csv\n"
        let stopped = try ParleyProcess.run(input: script)
        #expect(stopped.stdout == "")
        #expect(stopped.stderr == "parley: line 3: --limit expects a number, got \"x\"\n")
        #expect(stopped.status == 1)
        let kept = try ParleyProcess.run(["--keep-going"], input: script)
        #expect(kept.stdout.hasPrefix("corpus,documents,turns,preamble,speakers,tokens,outside_speech_tokens,types,filter,selected_turns,selected_tokens,analysed_tokens\nseeds (built in),1,5,0,2,927,0,391,,5,927,927\n"))
        #expect(kept.status == 1)
    }

    @Test("bad input keeps the corpus: missing path, unbalanced quote, unknown option")
    func badInput() throws {
        let script = "load no/such/folder\nturns --speaker \"Ilya\nturns --bogus\ninfo --format tsv\n"
        let result = try ParleyProcess.run(["--keep-going"], input: script)
        #expect(result.stderr == """
            parley: line 1: no such file or folder: no/such/folder
            parley: line 2: unbalanced quote: the " here has no closing "
            parley: line 3: unknown option "--bogus"; turns takes --speaker, --doc, --turn, --position, --length, --limit, --meta, --format, --out

            """)
        #expect(result.stdout.hasSuffix("seeds (built in)\t1\t5\t0\t2\t927\t0\t391\t\t5\t927\t927\n"))
        #expect(result.status == 1)
    }

    @Test("a corpus given on the command line replaces the seed; a missing one is status 2")
    func processArguments() throws {
        let loaded = try ParleyProcess.run(["seeds"], input: "info --format csv\n")
        #expect(loaded.stdout == "corpus,documents,turns,preamble,speakers,tokens,outside_speech_tokens,types,filter,selected_turns,selected_tokens,analysed_tokens\nseeds,1,5,0,2,927,0,391,,5,927,927\n")
        let missing = try ParleyProcess.run(["nowhere"], input: "info\n")
        #expect(missing.stderr == "parley: no such file or folder: nowhere\n")
        #expect(missing.status == 2)
    }

    @Test("--help goes to stdout with status 0; an unknown flag is status 2")
    func usage() throws {
        let help = try ParleyProcess.run(["--help"], input: "")
        #expect(help.stdout.contains("USAGE: parley"))
        #expect(help.status == 0)
        let bad = try ParleyProcess.run(["--bogus"], input: "")
        #expect(bad.stderr.contains("--bogus"))
        #expect(bad.stdout == "")
        #expect(bad.status == 2)
    }

    @Test("quit stops reading; later lines do not run")
    func quit() throws {
        let result = try ParleyProcess.run(input: "quit\nfrobnicate\n")
        #expect(result.stdout == "" && result.stderr == "" && result.status == 0)
    }
}
