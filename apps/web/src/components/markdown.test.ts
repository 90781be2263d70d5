import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown.tsx";

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("Markdown in agendas and minutes", () => {
  it("renders ordinary Markdown", () => {
    const html = render("# Minutes\n\n1. Agreed the **goals**\n2. See [the report](https://example.org/report)");
    expect(html).toContain("<strong>goals</strong>");
    expect(html).toContain("<ol>");
    expect(html).toContain('href="https://example.org/report"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("never lets script, event handlers or javascript: links through", () => {
    const html = render(
      [
        "Before <script>alert('x')</script> after",
        "",
        '<img src="x" onerror="alert(1)">',
        "",
        '<a href="#" onclick="alert(2)">click</a>',
        "",
        "[bad](javascript:alert(3)) and ![img](javascript:alert(4))",
        "",
        '<iframe src="https://evil.example"></iframe>',
      ].join("\n"),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/onclick/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).toContain("Before");
  });
});
