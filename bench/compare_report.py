"""Times Jauge's report + signature against LibreOffice + pyHanko on the same content.

Run through bench/compare-report.sh, which installs LibreOffice and pyHanko and builds Jauge.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAUGE = os.path.join(ROOT, "target", "release", "jauge")
SYNTHETIC = os.path.join(ROOT, "target", "release", "examples", "synthetic")
PKI = os.path.join(ROOT, "tests", "fixtures", "pki")
PYHANKO = os.environ.get("JAUGE_TOOL_PYHANKO", "pyhanko")


def run(*args, **kwargs):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)


def timed(runs, action):
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:"))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    work = tempfile.mkdtemp(prefix="jauge-compare-")
    big = os.path.join(work, "big.json")
    with open(big, "w", encoding="utf-8") as out:
        subprocess.run([SYNTHETIC, "30", "400", "9"], check=True, stdout=out)
    results = os.path.join(work, "results.json")
    with open(results, "w", encoding="utf-8") as out:
        subprocess.run([JAUGE, "evaluate", big, "--json"], check=True, stdout=out)
    html = os.path.join(work, "rapport.html")
    run(sys.executable, os.path.join(ROOT, "bench", "report_html.py"), big, results, html)

    p12 = os.path.join(PKI, "rsa-signer.p12")
    password = os.path.join(PKI, "rsa-signer.password")
    jauge_pdf = os.path.join(work, "jauge.pdf")
    jauge_signed = os.path.join(work, "jauge-signed.pdf")
    office_dir = os.path.join(work, "lo")
    office_signed = os.path.join(work, "lo-signed.pdf")

    def jauge():
        run(JAUGE, "report", big, "-o", jauge_pdf)
        run(JAUGE, "sign", jauge_pdf, "-o", jauge_signed, "--p12", p12, "--password-file", password)

    def office():
        run("soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless",
            "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", office_dir, html)
        if os.path.exists(office_signed):
            os.remove(office_signed)
        run(PYHANKO, "sign", "addsig", "--field", "Sig1", "--use-pades", "pkcs12",
            "--passfile", password, os.path.join(office_dir, "rapport.pdf"), office_signed, p12)

    jauge()  # both tools get one unmeasured run, so files and programs are in the page cache
    jauge_seconds = timed(runs, jauge)
    office()  # this first start also creates LibreOffice's profile
    office_seconds = timed(runs, office)
    print(f"{'30 offers × 400 criteria × 9 evaluators':46} {'seconds':>8} {'pages':>6}")
    print(f"{'Jauge: report + PAdES signature':46} {jauge_seconds:8.3f} {pages(jauge_signed):>6}")
    print(f"{'LibreOffice HTML→PDF + pyHanko signature':46} {office_seconds:8.3f} {pages(office_signed):>6}")
    print(f"ratio: Jauge is {office_seconds / jauge_seconds:.0f}× faster (median of {runs} runs)")


if __name__ == "__main__":
    main()
