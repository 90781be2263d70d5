/**
 * Agendas and minutes are written in Markdown. react-markdown builds React elements from the
 * Markdown syntax tree and never uses innerHTML, so there is no HTML string to sanitise: raw HTML
 * in the text (a <script>, an <img onerror>) is dropped (`skipHtml`), and links with unsafe
 * protocols (javascript:, data:) are emptied by its default URL transform.
 */
import ReactMarkdown, { defaultUrlTransform } from "react-markdown";

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        urlTransform={defaultUrlTransform}
        components={{
          a: ({ node: _node, ...props }) => <a {...props} rel="noopener noreferrer nofollow" />,
          // Headings inside minutes sit below the page's own h2 sections.
          h1: ({ node: _node, ...props }) => <h3 {...props} />,
          h2: ({ node: _node, ...props }) => <h3 {...props} />,
          h3: ({ node: _node, ...props }) => <h4 {...props} />,
          // An image whose address was unsafe has had it emptied: show its words, not a broken image.
          img: ({ node: _node, src, alt, ...props }) =>
            src ? <img src={src} alt={alt ?? ""} {...props} /> : alt ? <span>{alt}</span> : null,
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
