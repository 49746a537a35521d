"""The transcript files of a corpus folder, as Parley finds them: .txt and .md files, recursively,
hidden entries skipped, in path order."""
import os


def files(folder):
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith((".txt", ".md")) and not name.startswith("."):
                yield os.path.join(root, name)
