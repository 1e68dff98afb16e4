package dev.loupe.cli.report;

/**
 * The report's style sheet, inlined into every page (nothing is fetched: no fonts, no CDN).
 * Classes a section may use: {@code note} (a grey paragraph), {@code cards} with {@code card}
 * (white panels side by side; {@code wide} for a full-width one), {@code kv} (a key-value or
 * plain table), {@code num} (right-aligned figures), {@code error}, {@code none}, {@code badge}.
 */
final class Style {

    private Style() {
    }

    static final String CSS = """
            :root{--bg:#f4f6f9;--panel:#fff;--ink:#1b2330;--muted:#5f6b7c;--line:#e1e5eb;--head:#17202e;\
            --head-ink:#e9eef6;--head-muted:#93a4bc;--accent:#2563c9;--bar:#2f7de1;--bad:#b42318;--bad-bg:#fdeceb}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);\
            font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
            code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;\
            overflow-wrap:anywhere}
            img{display:block;max-width:100%;height:auto}img.px{image-rendering:pixelated}
            header.top{background:var(--head);color:var(--head-ink);padding:18px 32px 0}
            header.top a{color:#bcd3f5}
            .brand{font-size:11.5px;font-weight:600;letter-spacing:.09em;text-transform:uppercase;color:var(--head-muted)}
            h1{margin:4px 0 14px;font-size:23px;font-weight:600;color:#fff;overflow-wrap:anywhere}
            dl.meta{display:flex;flex-wrap:wrap;gap:10px 30px;margin:0 0 16px}
            dl.meta dt{font-size:11px;letter-spacing:.06em;text-transform:uppercase;color:var(--head-muted)}
            dl.meta dd{margin:1px 0 0;color:#fff}dl.meta code{font-size:13px}
            dl.meta .bad dd{color:#ffb4ab}
            header nav{display:flex;flex-wrap:wrap;gap:6px 22px;border-top:1px solid rgba(255,255,255,.12);padding:10px 0 11px}
            header nav .pager{display:flex;gap:18px;margin-right:18px;padding-right:22px;\
            border-right:1px solid rgba(255,255,255,.16)}
            main{padding:22px 32px 40px}
            section{margin:0 0 34px}
            h2{font-size:17px;font-weight:600;margin:0 0 10px}
            h3{font-size:15px;font-weight:600;margin:0 0 10px}h4{font-size:13px;margin:14px 0 6px}
            .sub{font-weight:400;color:var(--muted);font-size:12px}
            .note{color:var(--muted);margin:0 0 14px;max-width:70em}
            .none{color:var(--muted)}
            .num{font-variant-numeric:tabular-nums;text-align:right}
            table.grid{border-collapse:separate;border-spacing:0;background:var(--panel);border:1px solid var(--line);\
            border-radius:8px}
            table.grid thead th{position:sticky;top:0;z-index:2;background:#e9edf3;text-align:left;font-weight:600;\
            padding:9px 14px;border-bottom:1px solid var(--line);white-space:nowrap;vertical-align:bottom}
            table.grid thead th:first-child{border-top-left-radius:8px}table.grid thead th:last-child{border-top-right-radius:8px}
            table.grid thead .sub{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px}
            table.grid td,table.grid tbody th{padding:12px 14px;border-bottom:1px solid var(--line);vertical-align:top;\
            text-align:left;font-weight:400}
            table.grid tbody tr:last-child>*{border-bottom:0}
            table.grid tbody tr:hover>*{background:#fafbfd}
            tr.failed>th.cell-image{box-shadow:inset 3px 0 0 var(--bad)}
            .cell-image{width:190px;max-width:190px}
            .cell-image .file{margin-top:6px;font-weight:500;overflow-wrap:anywhere}
            .cell-pred{min-width:200px}
            figure{margin:0}figcaption{margin-top:5px;font-size:12px;color:var(--muted)}
            figcaption .target{color:var(--ink);font-weight:500}
            a.shot{display:inline-block;line-height:0;border-radius:4px;outline:1px solid rgba(0,0,0,.08)}
            a.shot:hover{outline:2px solid var(--accent)}
            ol.topk{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:auto 90px auto;gap:4px 8px;\
            align-items:center;font-size:12.5px}
            ol.topk li{display:contents}
            ol.topk .lbl{overflow-wrap:anywhere}ol.topk li.first .lbl{font-weight:600}
            ol.topk .bar{height:7px;background:#e6ebf2;border-radius:4px;overflow:hidden}
            ol.topk .bar span{display:block;height:100%;background:var(--bar);border-radius:4px}
            ol.topk li:not(.first) .bar span{background:#9dbbe6}
            .missing{display:inline-flex;align-items:center;justify-content:center;width:160px;height:96px;padding:8px;\
            text-align:center;background:repeating-linear-gradient(45deg,#f1f3f6,#f1f3f6 8px,#e8ebf0 8px,#e8ebf0 16px);\
            color:var(--muted);font-size:12px;border-radius:4px}
            .badge{display:inline-block;font-size:11px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;\
            padding:1px 7px;border-radius:9px;vertical-align:middle}
            .badge.bad{background:var(--bad-bg);color:var(--bad);margin-top:6px}
            h1 .badge.bad{margin:0 0 0 6px;font-size:12px}
            .error{margin-top:6px;padding:6px 9px;border-radius:5px;background:var(--bad-bg);color:var(--bad);\
            font-size:12.5px;white-space:pre-wrap;overflow-wrap:anywhere;max-width:60em}
            .cards{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
            .card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:14px 16px;min-width:0;\
            max-width:100%}
            .card.wide{flex:1 1 520px}
            .shots{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:10px}
            table.kv{border-collapse:collapse;font-size:13px}
            table.kv th,table.kv td{text-align:left;vertical-align:top;padding:3px 14px 3px 0}
            table.kv td{overflow-wrap:anywhere}table.methods td,table.methods code{overflow-wrap:normal}
            table.kv th{color:var(--muted);font-weight:500;white-space:nowrap}
            table.kv thead th{border-bottom:1px solid var(--line)}
            table.kv table.kv{font-size:12.5px}
            table.methods td,table.failures td{border-top:1px solid var(--line);padding-top:6px;padding-bottom:6px}
            .topk-table td.num,.topk-table th.num{text-align:right}
            .item+.item{margin-top:6px}
            footer{color:var(--muted);font-size:12px;padding:14px 32px 26px;border-top:1px solid var(--line)}
            """;
}
