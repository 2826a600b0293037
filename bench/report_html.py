"""Writes the HTML report a buyer would otherwise produce in a word processor, with the same
content as Jauge's PDF report (cover, ranking, method, eliminations, matrix, per-offer detail with
every individual score and justification), for the LibreOffice comparison in compare-report.sh.

Usage: report_html.py EVALUATION.json RESULTS.json OUT.html
"""

import html
import json
import sys


def esc(value):
    return html.escape(str(value))


def fr(number):
    return f"{number:,.2f}".replace(",", "\u202f").replace(".", ",")


def leaves(nodes):
    for node in nodes:
        if "children" in node:
            yield from leaves(node["children"])
        else:
            yield node


def tree_rows(nodes, depth=0):
    for node in nodes:
        indent = "&nbsp;" * 4 * depth
        kind = node.get("kind", "groupe")
        yield f"<tr><td>{indent}{esc(node['title'])}</td><td>{esc(kind)}</td><td align=right>{fr(node['weight'])}</td></tr>"
        yield from tree_rows(node.get("children", []), depth + 1)


def main():
    evaluation = json.load(open(sys.argv[1], encoding="utf-8"))
    results = json.load(open(sys.argv[2], encoding="utf-8"))
    tender = evaluation["tender"]
    offers = {o["id"]: o for o in evaluation["offers"]}
    evaluators = {e["id"]: e["name"] for e in evaluation["evaluators"]}
    all_leaves = list(leaves(evaluation["criteria"]))
    scores = {}
    for s in evaluation.get("scores", []):
        scores.setdefault((s["offer"], s["criterion"]), []).append(s)
    consensus = {(c["offer"], c["criterion"]): c for c in evaluation.get("consensus", [])}

    out = []
    w = out.append
    w("<html><head><meta charset='utf-8'><title>Rapport d'analyse des offres</title></head><body>")
    w("<div title='footer'><p align=center>Page <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield></p></div>")
    w(f"<h1>Rapport d'analyse des offres</h1><p>{esc(tender['reference'])} — {esc(tender['title'])}</p>")
    w(f"<p>Acheteur : {esc(tender['buyer'])}<br>Date limite : {esc(tender['deadline'])}</p>")
    w("<h2>Classement</h2><table border=1 cellpadding=3><tr><th>Rang</th><th>Offre</th><th>Total</th></tr>")
    ranked = sorted((o for o in results["offers"] if o["rank"]), key=lambda o: o["rank"])
    for o in ranked:
        w(f"<tr><td>{o['rank']}</td><td>{esc(offers[o['id']]['bidder'])}</td><td align=right>{fr(o['total'])}</td></tr>")
    w("</table><h2>Méthode</h2><table border=1 cellpadding=3><tr><th>Critère</th><th>Nature</th><th>Pondération</th></tr>")
    out.extend(tree_rows(evaluation["criteria"]))
    w("</table><h2>Offres éliminées</h2><ul>")
    for o in results["offers"]:
        for reason in o["eliminated_because"]:
            w(f"<li>{esc(offers[o['id']]['bidder'])} : {esc(reason['detail'])}</li>")
    w("</ul><h2>Matrice des notes</h2>")
    ids = [o["id"] for o in results["offers"]]
    for start in range(0, len(ids), 8):
        chunk = ids[start:start + 8]
        w("<table border=1 cellpadding=2><tr><th>Critère</th>" + "".join(f"<th>{esc(offers[i]['bidder'])}</th>" for i in chunk) + "</tr>")
        by_id = {o["id"]: o for o in results["offers"]}
        for leaf in all_leaves:
            cells = []
            for i in chunk:
                c = by_id[i]["criteria"].get(leaf["id"], {})
                value = c.get("value", c.get("met"))
                points = c.get("points")
                cells.append(f"<td align=right>{esc(value)} / {fr(points) if points is not None else '—'}</td>")
            w(f"<tr><td>{esc(leaf['title'])}</td>{''.join(cells)}</tr>")
        w("</table>")
    for o in results["offers"]:
        w(f"<h2>Offre {esc(offers[o['id']]['bidder'])}</h2><table border=1 cellpadding=2>")
        w("<tr><th>Critère</th><th>Valeur retenue</th><th>Notes individuelles et justifications</th></tr>")
        for leaf in all_leaves:
            c = o["criteria"].get(leaf["id"], {})
            value = c.get("value", c.get("met"))
            decision = consensus.get((o["id"], leaf["id"]))
            lines = [f"{esc(evaluators.get(s['evaluator'], s['evaluator']))} : {esc(s.get('value', s.get('met')))} — {esc(s.get('justification', ''))}" for s in scores.get((o["id"], leaf["id"]), [])]
            if decision:
                lines.append(f"Consensus : {esc(decision['justification'])}")
            w(f"<tr><td>{esc(leaf['title'])}</td><td align=right>{esc(value)}</td><td>{'<br>'.join(lines)}</td></tr>")
        w("</table>")
    w("</body></html>")
    open(sys.argv[3], "w", encoding="utf-8").write("\n".join(out))


if __name__ == "__main__":
    main()
