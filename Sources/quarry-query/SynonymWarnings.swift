import QuarryCommandLine
import QuarryCore

/// Reports the lines of the index's synonyms file that were left out, one warning each.
func warnAboutSynonyms(_ searcher: Searcher, index: String) {
    for problem in searcher.synonyms.problems {
        printError("quarry-query: warning: \(index)/\(SynonymRules.fileName), \(problem): left out")
    }
}
