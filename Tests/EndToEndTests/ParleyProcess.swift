import Foundation

/// Runs the built `parley` binary, as a user would.
enum ParleyProcess {
    /// The binary beside the test bundle in the build folder.
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // swift-testing may run from inside the .xctest bundle.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("parley").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("parley")
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs `parley arguments…` with `input` on standard input (a pipe, so script mode).
    static func run(
        _ arguments: [String] = [], input: String, folder: URL? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let inherited = ProcessInfo.processInfo.environment
        let (out, err, termination) = try Child.run(
            executable.path, arguments, input: Data(input.utf8), folder: (folder ?? repositoryRoot).path,
            environment: environment.isEmpty ? inherited : inherited.merging(environment) { $1 })
        return Result(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            status: termination.code)
    }
}
