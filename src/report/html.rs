//! Standalone HTML pages from the Markdown reports (pulldown-cmark, with tables).

use pulldown_cmark::{html, CowStr, Event, Options, Parser};

use super::Language;

/// A small stylesheet: readable tables, numbers aligned right, printable.
const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;\
max-width:72em;padding:0 1em;color:#1d2430;line-height:1.45}\
table{border-collapse:collapse;margin:0.5em 0 1.5em}\
th,td{border:1px solid #c9d1dc;padding:0.25em 0.6em}\
th{background:#eef2f7}tr:nth-child(even) td{background:#f8fafc}\
h1{border-bottom:2px solid #c8102e;padding-bottom:0.2em}\
figure{margin:0.5em 0 1.5em}figure svg{max-width:100%;height:auto}\
@media print{body{margin:0;max-width:none}}";

/// A complete HTML page (UTF-8, `lang` set) whose body is `markdown` rendered with tables; the
/// page title is the first `# ` heading of the Markdown. Everything is escaped: HTML written in
/// the Markdown (a project title such as `<b>X</b>`) is shown as text, never interpreted.
///
/// ```
/// use stratfund::report::{html_page, Language};
/// let page = html_page("# Frontier\n\n| level | value |\n|---|---:|\n| 0.5 | <12> |\n", Language::En);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("<title>Frontier</title>"));
/// assert!(page.contains("<td style=\"text-align: right\">&lt;12&gt;</td>"));
/// ```
pub fn html_page(markdown: &str, language: Language) -> String {
    html_page_with_figures(markdown, language, &[])
}

/// [`html_page`] with figures (inline SVG charts such as [`super::frontier_chart`] draws) after
/// the report's first table, or at its end when it has none.
///
/// ```
/// use stratfund::report::{html_page_with_figures, Language};
/// let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>chart</title></svg>".to_string();
/// let page = html_page_with_figures("# F\n\n| a |\n|---|\n| 1 |\n\n## Next\n", Language::En, &[svg]);
/// let (table, figure, next) = (page.find("</table>"), page.find("<figure><svg"), page.find("<h2>Next"));
/// assert!(table < figure && figure < next, "{page}");
/// ```
pub fn html_page_with_figures(markdown: &str, language: Language, figures: &[String]) -> String {
    let title = markdown.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or("stratfund report").trim();
    let mut body = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES).map(html_as_text));
    if !figures.is_empty() {
        let place = body.find("</table>\n").map_or(body.len(), |at| at + "</table>\n".len());
        let shown: String = figures.iter().map(|svg| format!("<figure>{svg}</figure>\n")).collect();
        body.insert_str(place, &shown);
    }
    let mut escaped_title = String::new();
    html::push_html(&mut escaped_title, std::iter::once(Event::Text(CowStr::from(title))));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"stratfund {}\">\n<title>{escaped_title}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        language.code(),
        env!("CARGO_PKG_VERSION"),
    )
}

/// Raw HTML in the Markdown becomes text, so that the renderer escapes it.
fn html_as_text(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_cells_is_escaped_not_interpreted() {
        let page = html_page("# A & B\n\n| id |\n|---|\n| <script>x</script> |\n", Language::Vi);
        assert!(page.contains("<html lang=\"vi\">"));
        assert!(page.contains("<title>A &amp; B</title>"));
        assert!(!page.contains("<script>"), "{page}");
        assert!(page.contains("&lt;script&gt;x&lt;/script&gt;"), "{page}");
        let block = html_page("<div onclick=\"x()\">\n\nhi\n", Language::En);
        assert!(!block.contains("<div"), "{block}");
    }
}
