/// The search page's stylesheet, inlined in its `<style>` (the page loads nothing else): a
/// system font stack at 16 px and up, contrast of at least 4.5:1 for all text, a visible focus
/// ring on everything focusable, and one column below 48rem (the sidebar under the results)
/// where long words and URLs wrap rather than overflow a 360 px screen.
enum SearchPageStyle {
    /// The CSS.
    static let css = """
    :root {
      color-scheme: light;
      --text: #1b1f24;
      --muted: #4c5560;
      --link: #1a4fa0;
      --visited: #5a3290;
      --brand: #0c3b66;
      --brand-tint: #e6eef7;
      --border: #d3d9e0;
      --surface: #f3f5f8;
      --mark: #ffe28a;
      --error: #a1161b;
      --focus: #ffbf47;
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
      font-size: 1rem;
      line-height: 1.5;
      color: var(--text);
      background: #fff;
      overflow-wrap: anywhere;
    }
    a { color: var(--link); text-underline-offset: 0.15em; }
    a:visited { color: var(--visited); }
    a:hover { text-decoration-thickness: 2px; }
    :focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
    a:focus-visible {
      outline: 3px solid var(--focus); outline-offset: 0; background: var(--focus); color: #0b0c0c;
      text-decoration: none; box-shadow: 0 3px 0 #0b0c0c; -webkit-box-decoration-break: clone; box-decoration-break: clone;
    }
    code, kbd { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
    code { background: #e4e8ed; border-radius: 4px; padding: 0.05em 0.25em; }
    kbd { border: 1px solid #8a939d; border-bottom-width: 2px; border-radius: 4px; padding: 0 0.35em; background: #fff; }
    .visually-hidden {
      position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
      overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
    }
    .skip-link { position: absolute; left: 0.75rem; top: -4rem; z-index: 10; padding: 0.5rem 1rem; background: #fff; }
    .skip-link:focus { top: 0.75rem; }

    .site-header { background: var(--brand); color: #fff; border-bottom: 4px solid #2f79c2; }
    .site-header .bar { max-width: 72rem; margin: 0 auto; padding: 0.9rem 1.25rem; }
    .site-title { margin: 0; font-size: 1.4rem; line-height: 1.2; font-weight: 700; letter-spacing: 0.01em; }
    .site-title a, .site-title a:visited { color: #fff; text-decoration: none; }
    .site-title a:hover { text-decoration: underline; }
    .site-title a:focus-visible { color: #0b0c0c; }

    .page { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
    .search { max-width: 46rem; }
    .search-label { display: block; margin-bottom: 0.4rem; font-size: 1.125rem; font-weight: 700; }
    .search-row { display: flex; gap: 0.5rem; }
    .search-row input {
      flex: 1 1 auto; min-width: 0; font: inherit; font-size: 1.125rem; padding: 0.55rem 0.75rem;
      color: var(--text); background: #fff; border: 2px solid #56616c; border-radius: 6px;
    }
    .search-row input:focus-visible { outline-offset: 0; border-color: var(--text); box-shadow: inset 0 0 0 1px var(--text); outline: 3px solid var(--focus); }
    button {
      flex: none; font: inherit; font-weight: 700; padding: 0.55rem 1.2rem; cursor: pointer; white-space: nowrap; overflow-wrap: normal;
      color: #fff; background: var(--brand); border: 2px solid var(--brand); border-radius: 6px;
    }
    button:hover { background: #082b4b; }
    button:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 5px var(--text); }
    button.secondary { color: var(--brand); background: #fff; }
    button.secondary:hover { background: var(--brand-tint); }
    .refine { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; margin-top: 0.9rem; }
    .field { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.95rem; font-weight: 600; }
    .field input, .field select {
      font: inherit; font-weight: 400; min-height: 2.6rem; padding: 0.35rem 0.5rem;
      color: var(--text); background: #fff; border: 1px solid #56616c; border-radius: 5px;
    }
    .refine button { min-height: 2.6rem; padding-top: 0.3rem; padding-bottom: 0.3rem; }
    .error { margin: 1rem 0 0; max-width: 46rem; padding: 0.75rem 1rem; color: var(--error); background: #fdf1f1; border-left: 5px solid var(--error); font-weight: 600; }
    .suggestion { margin: 1rem 0 0; font-size: 1.075rem; }
    .suggestion a { font-weight: 700; font-style: italic; }

    .hint { max-width: 46rem; margin-top: 2rem; padding: 1.1rem 1.4rem; background: var(--surface); border-radius: 8px; }
    .hint h2 { margin: 0 0 0.5rem; font-size: 1.1rem; }
    .hint ul { margin: 0; padding-left: 1.2rem; }
    .hint li { margin: 0.3rem 0; }
    .shortcut { margin: 0.75rem 0 0; color: var(--muted); }
    @media (hover: none) { .shortcut { display: none; } }

    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 17rem; gap: 1rem 3rem; margin-top: 1.75rem; }
    .results { min-width: 0; }
    .results-bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.25rem 1.5rem; margin: 0 0 0.5rem; }
    .results-bar p { margin: 0; }
    .summary { color: var(--muted); }
    .sort-links strong { margin: 0 0.35rem; }
    .sort-links a { margin: 0 0.35rem; }
    .active-filters { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0.5rem 0 0.75rem; }
    .active-filters ul { display: contents; list-style: none; }
    .active-filters li { display: inline; }
    .chip, .chip:visited {
      display: inline-block; padding: 0.2rem 0.7rem; color: var(--brand); background: var(--brand-tint);
      border: 1px solid #a9c1dc; border-radius: 999px; text-decoration: none; font-size: 0.95rem;
    }
    .chip:hover { border-color: var(--brand); }
    .to-filters { display: none; margin: 0 0 0.5rem; }
    .hits { list-style: none; margin: 0; padding: 0; }
    .hit { padding: 1.1rem 0; border-bottom: 1px solid var(--border); }
    .hit h3 { margin: 0; font-size: 1.2rem; line-height: 1.35; }
    .hit-url { margin: 0.1rem 0 0; font-size: 0.9rem; color: #1c6636; }
    .meta { margin: 0.2rem 0 0.35rem; font-size: 0.92rem; color: var(--muted); }
    .meta .sep { margin: 0 0.4rem; }
    .snippet { margin: 0; }
    mark { color: inherit; background: var(--mark); padding: 0 0.1em; border-radius: 2px; box-shadow: 0 1px 0 #d9a800; }
    .no-results { padding: 1.25rem 1.4rem; background: var(--surface); border-radius: 8px; }
    .no-results p { margin: 0 0 0.5rem; font-size: 1.1rem; }
    .no-results ul { margin: 0; padding-left: 1.2rem; }

    .pagination ul { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; margin: 2rem 0 0; padding: 0; list-style: none; }
    .pagination a, .pagination a:visited, .pagination .current, .pagination .disabled {
      display: inline-block; min-width: 2.75rem; padding: 0.45rem 0.75rem; text-align: center;
      color: var(--link); border: 1px solid var(--border); border-radius: 6px; text-decoration: none;
    }
    .pagination a:hover { border-color: var(--link); background: var(--brand-tint); }
    .pagination .current { color: #fff; background: var(--brand); border-color: var(--brand); font-weight: 700; }
    .pagination .disabled { color: #5f6871; background: var(--surface); }
    .pagination .gap { padding: 0 0.25rem; color: var(--muted); }

    .facets h2 { margin: 0 0 0.75rem; font-size: 1.1rem; }
    .facets .clear { margin: 0 0 1rem; }
    .facet { margin-bottom: 1.5rem; }
    .facet h3 { margin: 0 0 0.4rem; font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
    .facet ul { margin: 0; padding: 0; list-style: none; }
    .facet-value, .facet-value:visited {
      display: flex; align-items: center; gap: 0.55rem; padding: 0.35rem 0.45rem; margin: 0 -0.45rem;
      color: var(--text); border-radius: 5px; text-decoration: none;
    }
    .facet-value:hover { background: var(--surface); }
    .facet-value:hover .facet-name { text-decoration: underline; }
    .facet-value .box {
      flex: none; display: inline-flex; align-items: center; justify-content: center;
      width: 1.15rem; height: 1.15rem; font-size: 0.8rem; line-height: 1; color: #fff;
      border: 2px solid #56616c; border-radius: 3px; background: #fff;
    }
    .facet-value.selected { background: var(--brand-tint); font-weight: 700; }
    .facet-value.selected .box { background: var(--brand); border-color: var(--brand); }
    .facet-value .facet-name { flex: 1 1 auto; min-width: 0; }
    .facet-value .count { flex: none; font-size: 0.9rem; color: var(--muted); font-variant-numeric: tabular-nums; font-weight: 400; }

    @media (max-width: 48rem) {
      .layout { grid-template-columns: minmax(0, 1fr); gap: 2rem; }
      .facets { padding-top: 1.5rem; border-top: 2px solid var(--border); }
      .to-filters { display: block; }
      .page { padding: 1rem 1rem 2.5rem; }
      .site-header .bar { padding: 0.75rem 1rem; }
    }
    @media (max-width: 30rem) {
      .search-row button { padding-left: 0.9rem; padding-right: 0.9rem; }
      .refine .field { flex: 1 1 8rem; min-width: 0; }
      .refine .field input, .refine .field select { width: 100%; min-width: 0; }
      .refine button { flex: 1 1 100%; }
      .pagination ul { gap: 0.3rem; }
      .pagination a, .pagination a:visited, .pagination .current, .pagination .disabled { min-width: 2.5rem; padding: 0.45rem 0.55rem; }
    }
    """
}
