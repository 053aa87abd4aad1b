/// Edits of a query's text that keep the rest of it as the user wrote it.
enum QueryText {
    /// `text` with each whole-word occurrence of `word` replaced by `replacement`, ignoring
    /// case: an occurrence whose neighbouring characters are not letters, digits or
    /// underscores (so `chraged` in `title:chraged` is replaced, in `chragedx` not).
    static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
        let characters = Array(text)
        let wanted = Array(word.lowercased())
        guard !wanted.isEmpty else { return text }
        func isWordCharacter(_ index: Int) -> Bool {
            guard characters.indices.contains(index) else { return false }
            let character = characters[index]
            return character.isLetter || character.isNumber || character == "_"
        }
        var result = ""
        var i = 0
        while i < characters.count {
            let end = i + wanted.count
            if end <= characters.count, !isWordCharacter(i - 1), !isWordCharacter(end),
               characters[i..<end].map({ Character($0.lowercased()) }) == wanted {
                result += replacement
                i = end
            } else {
                result.append(characters[i])
                i += 1
            }
        }
        return result
    }
}
