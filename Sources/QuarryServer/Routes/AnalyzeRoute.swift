import Foundation
import Hummingbird
import NIOFoundationCompat
import QuarryCommandLine
import QuarryCore

/// `POST /analyze`: the tokens of a text, as the index (or a language given) analyzes it.
struct AnalyzeRoute: Sendable {
    let service: IndexService
    let access: Access
    let limits: ServerLimits

    func register(on router: Router<BasicRequestContext>) {
        router.post("analyze") { request, _ in try await analyze(request) }
    }

    private func analyze(_ request: Request) async throws -> Response {
        try access.check(request, .read)
        let body = try await RequestBodyLimit.collect(request, upTo: limits.analyzeBytes + 4_096)
        let asked: AnalyzeBody
        do {
            asked = try JSONDecoder().decode(AnalyzeBody.self, from: Data(buffer: body))
        } catch {
            throw APIError.badParameter(JSONBodyError.describe(error), code: "invalid_analyze_request")
        }
        guard asked.text.utf8.count <= limits.analyzeBytes else {
            throw APIError(.contentTooLarge, code: "payload_too_large", type: .invalidRequest,
                           "'text' is \(asked.text.utf8.count) bytes: at most \(limits.analyzeBytes)")
        }
        var settings = service.index.analysis
        if let name = asked.language {
            guard case .known(let language) = Language.parse(name) else {
                throw APIError.badParameter("unknown language '\(name)' (an ISO 639-1 code or a Snowball name)", code: "invalid_analyze_request")
            }
            settings.language = language
        }
        let tokens: [Token]
        do {
            tokens = try Analyzer(settings: settings).analyze(asked.text)
        } catch {
            throw APIError(.internalServerError, code: "analysis_failed", type: .system, "\(error)")
        }
        let utf8 = Array(asked.text.utf8)
        return .json(.object([
            ("language", .string(settings.language.code)),
            ("tokens", .array(tokens.map { token in
                .object([("term", .string(token.term)), ("position", .int(token.position)), ("start", .int(token.start)),
                         ("end", .int(token.end)), ("text", .string(String(decoding: utf8[token.start..<token.end], as: UTF8.self)))])
            })),
        ]))
    }
}

/// The body of `POST /analyze`.
private struct AnalyzeBody: Decodable {
    var text: String
    var language: String?

    private enum Key: String, CodingKey, CaseIterable { case text, language }

    init(from decoder: any Decoder) throws {
        try JSONBodyError.refuseUnknownMembers(decoder, known: Key.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: Key.self)
        text = try container.decode(String.self, forKey: .text)
        language = try container.decodeIfPresent(String.self, forKey: .language)
    }
}
