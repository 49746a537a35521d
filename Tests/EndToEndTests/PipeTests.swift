import Foundation
import Testing

/// What other programs read from Parley: a script's standard output parsed as JSON or CSV,
/// and replay's JUnit report parsed as XML, each by Python's own parsers.
@Suite("Output that other programs parse")
struct PipeTests {
    static let debates = ParleyProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/debates")
    static let pythonPath = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs a Python program on `input` and returns what it prints.
    private func python(_ program: String, input: String, arguments: [String] = []) throws -> (status: Int32, stdout: String) {
        let (data, _, termination) = try Child.run(
            Self.pythonPath!, ["-c", program] + arguments, input: Data(input.utf8),
            folder: FileManager.default.currentDirectoryPath, environment: nil)
        return (termination.code, String(decoding: data, as: UTF8.self))
    }

    @Test("a script's JSON and CSV go straight into Python's parsers; status lines stay on standard error",
        .enabled(if: FileManager.default.fileExists(atPath: debates.path) && pythonPath != nil))
    func scriptsPipe() throws {
        let script = "load \(Self.debates.path)\nfilter doc:*2020*\ncount fake --by speaker --format "
        let json = try ParleyProcess.run(input: script + "json\n")
        #expect(json.status == 0)
        #expect(json.stderr.hasPrefix("parley: loaded 35 documents") && json.stderr.contains("\nparley: filter doc:*2020*: "))
        let parsed = try python("import json,sys; d=json.load(sys.stdin); print(len(d['rows']) if isinstance(d, dict) else len(d))", input: json.stdout)
        #expect(parsed.status == 0)
        let csv = try ParleyProcess.run(input: script + "csv\n")
        let table = try ParleyProcess.run(input: script + "tsv\n")
        // The CSV's rows are the table's rows: the same number, the same cells (checked in TSV,
        // whose fields hold no quotes).
        let rows = try python("import csv,sys; r=list(csv.reader(sys.stdin)); print('\\n'.join('\\t'.join(x) for x in r))", input: csv.stdout)
        #expect(rows.status == 0)
        #expect(rows.stdout == table.stdout)
        // And JSON holds as many rows as the table has below its header.
        #expect(Int(parsed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == table.stdout.split(separator: "\n").count - 1)
        #expect(table.stdout.split(separator: "\n").count >= 2)
        // -q leaves standard error empty; the data is the same.
        let quiet = try ParleyProcess.run(["-q"], input: script + "csv\n")
        #expect(quiet.stderr == "" && quiet.stdout == csv.stdout)
    }

    @Test("replay --junit writes one test case per cell, with the diff as the failure", .enabled(if: pythonPath != nil))
    func junit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("notebooks"), withIntermediateDirectories: true)
        // A repository: the notebooks' `load ../seeds` lies inside it.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: ParleyProcess.repositoryRoot.appendingPathComponent("seeds"), to: folder.appendingPathComponent("seeds"))
        let original = try String(
            contentsOf: ParleyProcess.repositoryRoot.appendingPathComponent("notebooks/putin-and-petrenko.md"), encoding: .utf8)
        let changed = original.replacing("A     we    24  1", with: "A     we    25  1")
        try changed.write(to: folder.appendingPathComponent("notebooks/changed.md"), atomically: true, encoding: .utf8)
        try original.write(to: folder.appendingPathComponent("notebooks/same.md"), atomically: true, encoding: .utf8)
        try "```parley\ninfo\n".write(to: folder.appendingPathComponent("notebooks/broken.md"), atomically: true, encoding: .utf8)
        let replay = try ParleyProcess.run(
            ["replay", "--junit", "r.xml", "notebooks/changed.md", "notebooks/same.md", "notebooks/broken.md"], input: "", folder: folder)
        #expect(replay.status == 2)
        let program = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            assert root.tag == 'testsuites'
            for suite in root.findall('testsuite'):
                cases = suite.findall('testcase')
                failures = [c for c in cases if c.find('failure') is not None]
                errors = [c for c in cases if c.find('error') is not None]
                assert int(suite.get('tests')) == len(cases) and int(suite.get('failures')) == len(failures)
                text = ''.join(f.find('failure').text for f in failures)
                print(suite.get('name'), len(cases), len(failures), len(errors), '-A     we    25  1' in text)
            """
        let parsed = try python(program, input: "", arguments: [folder.appendingPathComponent("r.xml").path])
        #expect(parsed.status == 0)
        // putin-and-petrenko.md has 5 cells, checked by counting its ```parley fences.
        #expect(original.components(separatedBy: "```parley\n").count - 1 == 5)
        #expect(parsed.stdout == """
            notebooks/changed.md 5 1 0 True
            notebooks/same.md 5 0 0 False
            notebooks/broken.md 1 0 1 False

            """)
    }
}
