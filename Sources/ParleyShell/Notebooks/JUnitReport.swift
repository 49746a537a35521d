/// A JUnit XML report of a replay (`parley replay --junit FILE`): one test suite per notebook,
/// one test case per cell, named by its line and first command, with the diff as the failure;
/// a notebook that cannot be read is a suite with one error. CI systems display this format.
struct JUnitReport {
    struct Case {
        var name: String
        /// The diff, when the cell's output differs.
        var failure: String?
    }

    struct Suite {
        var name: String
        var cases: [Case] = []
        /// Why the notebook could not be replayed at all.
        var error: String?
    }

    var suites: [Suite] = []

    var xml: String {
        let tests = suites.reduce(0) { $0 + max($1.cases.count, $1.error == nil ? 0 : 1) }
        let failures = suites.reduce(0) { $0 + $1.cases.count { $0.failure != nil } }
        let errors = suites.count { $0.error != nil }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"parley replay\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for suite in suites {
            let suiteFailures = suite.cases.count { $0.failure != nil }
            let suiteTests = max(suite.cases.count, suite.error == nil ? 0 : 1)
            xml += "  <testsuite name=\"\(Self.escaped(suite.name))\" tests=\"\(suiteTests)\" failures=\"\(suiteFailures)\" errors=\"\(suite.error == nil ? 0 : 1)\">\n"
            if let error = suite.error {
                xml += "    <testcase classname=\"\(Self.escaped(suite.name))\" name=\"read\">\n"
                xml += "      <error message=\"\(Self.escaped(error))\"/>\n    </testcase>\n"
            }
            for testCase in suite.cases {
                xml += "    <testcase classname=\"\(Self.escaped(suite.name))\" name=\"\(Self.escaped(testCase.name))\""
                if let failure = testCase.failure {
                    xml += ">\n      <failure message=\"output differs\">\(Self.escaped(failure))</failure>\n    </testcase>\n"
                } else {
                    xml += "/>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Text safe in XML content and attributes; characters XML 1.0 forbids become U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                let allowed = scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
