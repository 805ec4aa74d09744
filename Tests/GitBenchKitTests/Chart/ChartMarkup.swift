import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A chart's SVG or table read back as XML: whether it parses, and every element with its attributes and text.
final class ChartMarkup: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: String?

    /// Parses `text`; `error` says why when it is not well-formed XML.
    init(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError.map { "\($0)" } ?? "parse failed" }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }

    /// The elements that carry `attribute`, in document order.
    func having(_ attribute: String) -> [Element] { elements.filter { $0.attributes[attribute] != nil } }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// The `data-y` values of the marks, as numbers.
    var ys: [Double] { having("data-y").compactMap { $0.attributes["data-y"].flatMap(Double.init) } }

    /// The body rows of a table that are not events.
    var bodyRows: [Element] { named("tr").filter { $0.attributes["class"] != "event" }.dropFirst().map { $0 } }
}
