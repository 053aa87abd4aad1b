#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reader's claim on one commit generation: a shared `flock` on that generation's manifest
/// (`MANIFEST.<g>`), held for as long as the reader is open. A writer removes a generation's
/// files only after taking an exclusive lock on its manifest, which it cannot get while any
/// reader holds one, so a commit never pulls files from under an open reader (the deletion
/// policy, `IndexFileDeleter`).
///
/// Taking the hold races with a writer retiring the generation; the hold is good only if, once
/// locked, the name still refers to the file that was locked (a writer removes the name while it
/// holds the exclusive lock). Otherwise a newer commit is live, and the reader starts again.
final class CommitHold: Sendable {
    let manifest: Manifest
    /// The locked manifest file, or -1 for an index written before generation files existed.
    private let descriptor: Int32

    private init(manifest: Manifest, descriptor: Int32) {
        self.manifest = manifest
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Takes a hold on the current commit of the index in `directory`.
    static func acquire(directory: String) throws(IndexError) -> CommitHold {
        for _ in 0..<100 {
            let current = try Manifest.read(directory: directory)
            let path = "\(directory)/\(IndexFileName.manifest(generation: current.generation))"
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                guard errno == ENOENT else { throw .io(path: path, operation: "open", message: systemErrorMessage()) }
                // No generation file: retired just now (try again), or removed by damage (`verify`
                // reports it): the commit is read unheld until the next writer commits.
                if try Manifest.read(directory: directory).generation == current.generation {
                    return CommitHold(manifest: current, descriptor: -1)
                }
                continue
            }
            while flock(fd, LOCK_SH) != 0 {
                guard errno == EINTR else {
                    let message = systemErrorMessage()
                    close(fd)
                    throw .io(path: path, operation: "flock", message: message)
                }
            }
            var held = stat()
            var named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                do {
                    return CommitHold(manifest: try Manifest.read(path: path, directory: directory), descriptor: fd)
                } catch {
                    close(fd)
                    throw error
                }
            }
            close(fd)
        }
        throw .io(path: directory, operation: "open", message: "the index's commit changed 100 times while it was being opened")
    }
}
