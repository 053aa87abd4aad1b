import Foundation

/// A line editor for the interactive search prompt: left/right, home/end, backspace, up/down
/// through the history (kept in a file between sessions), Ctrl-C to drop the line, Ctrl-D or
/// `quit` to leave. The terminal is in raw mode only while a line is being edited.
struct Prompt {
    let historyPath: String
    private static let promptText = "quarry> "
    private static let historyLimit = 500

    init(history path: String) {
        historyPath = path
    }

    /// Reads lines until the end, calling `body` with each non-empty one.
    func loop(_ body: (String) -> Void) throws {
        var history = (try? String(contentsOfFile: historyPath, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        print("Quarry search. Type a query (see the README for the syntax); up/down for history, Ctrl-D to quit.")
        while let line = readLine(history: history) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed == "quit" || trimmed == "exit" { break }
            if history.last != trimmed { history.append(trimmed) }
            if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
            try? (history.joined(separator: "\n") + "\n").write(toFile: historyPath, atomically: true, encoding: .utf8)
            body(trimmed)
        }
        print("")
    }

    /// One edited line, or nil at Ctrl-D on an empty line.
    private func readLine(history: [String]) -> String? {
        var original = termios()
        tcgetattr(0, &original)
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        tcsetattr(0, TCSANOW, &raw)
        defer { tcsetattr(0, TCSANOW, &original) }

        var line: [Character] = []
        var cursor = 0
        var historyIndex = history.count
        var pending: [UInt8] = []
        func redraw() {
            var text = "\r\u{1B}[K" + Self.promptText + String(line)
            let back = line.count - cursor
            if back > 0 { text += "\u{1B}[\(back)D" }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        redraw()
        while true {
            var byte: UInt8 = 0
            guard read(0, &byte, 1) == 1 else { return nil }
            switch byte {
            case 0x0D, 0x0A:
                FileHandle.standardOutput.write(Data("\n".utf8))
                return String(line)
            case 0x04:
                if line.isEmpty { return nil }
            case 0x03:
                line = []
                cursor = 0
                FileHandle.standardOutput.write(Data("^C\n".utf8))
            case 0x7F, 0x08:
                if cursor > 0 {
                    line.remove(at: cursor - 1)
                    cursor -= 1
                }
            case 0x01: cursor = 0
            case 0x05: cursor = line.count
            case 0x1B:
                var sequence: [UInt8] = [0, 0]
                guard read(0, &sequence[0], 1) == 1, read(0, &sequence[1], 1) == 1, sequence[0] == UInt8(ascii: "[") else { continue }
                switch sequence[1] {
                case UInt8(ascii: "A"):
                    if historyIndex > 0 {
                        historyIndex -= 1
                        line = Array(history[historyIndex])
                        cursor = line.count
                    }
                case UInt8(ascii: "B"):
                    if historyIndex < history.count {
                        historyIndex += 1
                        line = historyIndex < history.count ? Array(history[historyIndex]) : []
                        cursor = line.count
                    }
                case UInt8(ascii: "C"): cursor = min(line.count, cursor + 1)
                case UInt8(ascii: "D"): cursor = max(0, cursor - 1)
                case UInt8(ascii: "H"): cursor = 0
                case UInt8(ascii: "F"): cursor = line.count
                default: break
                }
            default:
                guard byte >= 0x20 else { continue }
                pending.append(byte)
                // Insert once the UTF-8 sequence is whole.
                let text = String(decoding: pending, as: UTF8.self)
                if !text.contains("\u{FFFD}") || pending.count >= 4 {
                    for character in text {
                        line.insert(character, at: cursor)
                        cursor += 1
                    }
                    pending = []
                }
            }
            redraw()
        }
    }
}
