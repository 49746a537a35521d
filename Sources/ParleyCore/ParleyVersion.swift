/// Parley's version, shown by `parley --version` and part of every index cache key.
package enum ParleyVersion {
    package static let current = "0.1.0"
}
