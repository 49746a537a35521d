import ParleyNotebook
import Testing

@Suite("Notebook Markdown (DESIGN.md §8)")
struct NotebookTests {
    let source = """
        # Who talks about terrorism?

        Some prose, and a fence that is not ours:

        ```swift
        let x = 1
        ```

        ```parley
        load ../seeds
        info
        ```

        ```output
        documents  1
        ```

        ```parley
        speakers
        ```
        Trailing prose without a newline
        """

    @Test("cells, their commands, outputs and line numbers")
    func cells() throws {
        let notebook = try Notebook(parsing: source)
        let cells = notebook.blocks.compactMap { block -> Notebook.Cell? in
            if case .cell(let cell) = block { return cell }
            return nil
        }
        #expect(cells.map(\.line) == [9, 18])
        #expect(cells[0].commands == ["load ../seeds", "info"])
        #expect(cells[0].output?.line == 14)
        #expect(cells[0].output?.body == "documents  1\n")
        #expect(cells[1].output == nil)
    }

    @Test("the text comes back byte for byte")
    func roundTrip() throws {
        #expect(try Notebook(parsing: source).text == source)
        let crlfAndTildes = "a\r\n~~~~parley\r\ninfo\r\n~~~~\r\n\r\n~~~output\r\nx\r\n~~~\r\n"
        let notebook = try Notebook(parsing: crlfAndTildes)
        #expect(notebook.text == crlfAndTildes)
        guard case .cell(let cell) = notebook.blocks.last else {
            Issue.record("no cell found in \(notebook.blocks)")
            return
        }
        #expect(cell.line == 2)
        #expect(cell.output?.body == "x\r\n")
    }

    @Test("an unclosed fence and an orphan output block are errors with their line")
    func errors() {
        #expect(throws: NotebookError.unclosedFence(line: 3)) { try Notebook(parsing: "x\n\n```parley\ninfo\n") }
        #expect(throws: NotebookError.outputWithoutCell(line: 1)) { try Notebook(parsing: "```output\nx\n```\n") }
        #expect(throws: NotebookError.outputWithoutCell(line: 7)) {
            try Notebook(parsing: "```parley\ninfo\n```\n\nprose\n\n```output\nx\n```\n")
        }
    }
}
