"""The built HTML: links resolve, images are described, pages are shaped like lessons, launch
buttons go where _config.yml says, and the welcome video loads nothing until it is asked to."""
from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml

from activities import diagrams
from handbook.__main__ import DEFAULT_PDF
from support.book import COURSE_PAGES, LESSON_PAGES, article, html_pages, normalise, page, soup
from support.paths import ROOT
from support.toc import notebook_pages

NOCOOKIE = "https://www.youtube-nocookie.com/embed/bQqmIS7WQa8"
#: Files the site links to that are made after the book is built: the handbook PDF
#: (``./run.sh handbook``; tests/handbook/ prints it and checks the front page's link).
MADE_AFTER_THE_BUILD = (DEFAULT_PDF,)
VIDEO_PAGE = "book/orientation/welcome"
NETWORK_PAGE = "book/orientation/what-p2pu-means"


def _config():
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def _ids(path):
    return {el.get("id") for el in soup(path).find_all(id=True)}


# --- links and images, on every built page ------------------------------------------------------

def test_every_internal_link_and_image_resolves(built_book):
    broken = []
    pages = html_pages(built_book)
    made_later = {(built_book / name).resolve() for name in MADE_AFTER_THE_BUILD}
    assert len(pages) >= 15, "the build wrote suspiciously few pages"
    for path in pages:
        doc = soup(path)
        refs = [(el.name, el.get("href")) for el in doc.find_all(["a", "link"]) if el.get("href")]
        refs += [(el.name, el.get("src")) for el in doc.find_all(["img", "script", "iframe", "source"]) if el.get("src")]
        for tag, url in refs:
            if not _is_local(url) or url.startswith(("mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.exists() and target not in made_later:
                broken.append(f"{path.relative_to(built_book)}: <{tag}> {url} -> missing file")
                continue
            # Anchors are checked on HTML targets (Sphinx writes ids for every section and object).
            if tag == "a" and parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _ids(target):
                    broken.append(f"{path.relative_to(built_book)}: {url} -> no #{parts.fragment}")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_every_image_has_alt_text(built_book):
    missing = []
    for path in html_pages(built_book):
        for img in soup(path).find_all("img"):
            if not (img.get("alt") or "").strip():
                missing.append(f"{path.relative_to(built_book)}: {img.get('src')}")
    assert not missing, "images without alt text:\n" + "\n".join(missing)


@pytest.mark.parametrize("docname", COURSE_PAGES)
def test_course_page_images_have_meaningful_alt(built_book, docname):
    for img in article(built_book, docname).find_all("img"):
        alt = img.get("alt", "").strip()
        assert len(alt) >= 15 and not re.search(r"\.(svg|png|jpe?g|gif)$", alt), (
            f"{docname}: {img.get('src')} has a file name or too short a text as alt: {alt!r}")


def test_inline_svg_is_labelled_or_hidden(built_book):
    problems = []
    for path in html_pages(built_book):
        for svg in soup(path).find_all("svg"):
            if svg.get("aria-hidden") == "true":
                continue
            labelled = svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")
            if svg.get("role") != "img" or not labelled:
                problems.append(f"{path.relative_to(built_book)}: {str(svg)[:120]}")
    assert not problems, "inline SVG without role=img and a name (or aria-hidden):\n" + "\n".join(problems)


def test_no_page_hotlinks_the_seed_media(built_book):
    for path in html_pages(built_book):
        html = path.read_text(encoding="utf-8")
        for host in ("community.p2pu.org/uploads", "docs.google.com/presentation/d/e/", "youtube.com/embed"):
            assert host not in html, f"{path.relative_to(built_book)} loads third-party media from {host}"


# --- every course page is shaped like a lesson --------------------------------------------------

@pytest.mark.parametrize("docname", LESSON_PAGES)
def test_page_has_overview_with_time_questions_objectives(built_book, docname):
    content = article(built_book, docname)
    overview = content.select_one("div.admonition.overview")
    assert overview is not None, f"{docname} has no Overview box"
    text = normalise(overview.get_text(" "))
    assert re.search(r"Time: about \d+ (minutes|hours?)", text), f"{docname}: no time estimate in {text[:200]!r}"
    for heading in ("Questions", "Objectives"):
        assert heading in text, f"{docname}: the overview has no {heading}"
    assert len(overview.find_all("li")) >= 2, f"{docname}: the overview lists no questions/objectives"
    # It comes first: nothing but the page title before it.
    first_admonition = content.select("div.admonition")[0]
    assert first_admonition is overview, f"{docname}: the overview is not the first box on the page"


@pytest.mark.parametrize("docname", LESSON_PAGES)
def test_page_ends_with_key_points(built_book, docname):
    content = article(built_book, docname)
    boxes = content.select("div.admonition")
    assert boxes and "keypoints" in boxes[-1].get("class", []), f"{docname} does not end with a Key points box"
    assert normalise(boxes[-1].select_one(".admonition-title").get_text()) == "Key points"
    assert len(boxes[-1].find_all("li")) >= 2, f"{docname}: key points are empty"


# --- launch buttons -----------------------------------------------------------------------------

def test_launch_buttons_on_notebook_pages_use_the_configured_urls(built_book):
    config = _config()
    launch, repo = config["launch_buttons"], config["repository"]
    assert launch["notebook_interface"] == "jupyterlab"
    owner_repo = urlsplit(repo["url"]).path.strip("/")
    notebooks = notebook_pages()
    assert len(notebooks) >= 5
    for docname in notebooks:
        hrefs = [a.get("href", "") for a in page(built_book, docname).find_all("a")]
        binder = f"{launch['binderhub_url'].rstrip('/')}/v2/gh/{owner_repo}/{repo['branch']}?urlpath=lab/tree/{docname}.ipynb"
        assert binder in hrefs, f"{docname}: no Binder button to {binder}"
        hub = [h for h in hrefs if h.startswith(f"{launch['jupyterhub_url'].rstrip('/')}/hub/user-redirect/git-pull?")]
        assert hub, f"{docname}: no JupyterHub (nbgitpuller) button"
        query = hub[0].split("?", 1)[1]
        assert f"repo={quote(repo['url'], safe='/')}" in query or f"repo={quote(repo['url'], safe='')}" in query
        assert f"urlpath=lab/tree/{owner_repo.split('/')[-1]}/{docname}.ipynb" in query
        assert f"branch={repo['branch']}" in query


@pytest.mark.parametrize("docname", COURSE_PAGES)
def test_reading_pages_have_no_launch_buttons(built_book, docname):
    hrefs = [a.get("href", "") for a in page(built_book, docname).find_all("a")]
    assert not [h for h in hrefs if "/v2/gh/" in h or "git-pull?" in h]


def test_repository_buttons_point_at_the_repository(built_book):
    url = _config()["repository"]["url"]
    hrefs = [a.get("href", "") for a in page(built_book, VIDEO_PAGE).find_all("a")]
    assert url in hrefs, "no repository button"
    assert f"{url}/edit/main/{VIDEO_PAGE}.md" in hrefs, "no edit-this-page button"


# --- the network pictures -----------------------------------------------------------------------

def test_network_page_keeps_the_answer_behind_a_toggle(built_book):
    content = article(built_book, NETWORK_PAGE)
    reveal = content.find("details")
    assert reveal is not None, "the answer is not inside a dropdown"
    outside = [img for img in content.find_all("img") if reveal not in img.parents]
    inside = reveal.find_all("img")
    assert [img["src"].rsplit("/", 1)[-1] for img in outside] == ["network-a.svg", "network-b.svg"]
    assert sorted(img["src"].rsplit("/", 1)[-1] for img in inside) == ["client-server.svg", "peer-to-peer.svg"]
    # Before the reveal the alt text is the generator's neutral description; it names no kind.
    by_file = {f"network-{diagrams.NEUTRAL_NAMES[k].split()[-1].lower()}.svg": k for k in diagrams.KINDS}
    for img in outside:
        kind = by_file[img["src"].rsplit("/", 1)[-1]]
        assert img["alt"] == diagrams.neutral_alt_text(kind)
        assert not re.search(r"server|client|peer", img["alt"], re.I)
    for img in inside:
        kind = img["src"].rsplit("/", 1)[-1].removesuffix(".svg")
        assert img["alt"] == diagrams.revealed_alt_text(kind)
    # Nothing outside the toggle tells which picture is which.
    text_before = normalise(" ".join(el.get_text(" ") for el in content.find_all(["p", "li"]) if reveal not in el.parents))
    for kind, name in diagrams.NEUTRAL_NAMES.items():
        assert not re.search(rf"{name} is (the|a) ", text_before), f"the page says what {name} is before the reveal"


def test_network_images_are_the_generated_ones(built_book):
    for name, svg in diagrams.book_images().items():
        built = built_book / "_images" / name
        assert built.exists(), f"{name} was not copied into the built book"
        assert built.read_text(encoding="utf-8") == svg


# --- the welcome video --------------------------------------------------------------------------

def test_video_page_loads_nothing_before_a_click(built_book):
    html = (built_book / f"{VIDEO_PAGE}.html").read_text(encoding="utf-8")
    doc = page(built_book, VIDEO_PAGE)
    assert not doc.find("iframe"), "the welcome page ships an iframe: the video would load without consent"
    assert not re.search(r"(?<![-\w])src=[\"'][^\"']*youtube", html), "something on the page loads from YouTube"
    button = doc.select_one("button.video-consent__button")
    assert button is not None and button.get("data-video-src") == NOCOOKIE
    assert button.get("type") == "button" and normalise(button.get_text())
    assert doc.find("noscript"), "readers without JavaScript get no way to the video"
    assert any("video-consent.js" in (s.get("src") or "") for s in doc.find_all("script"))
    summary = [box for box in article(built_book, VIDEO_PAGE).select("div.admonition")
               if "In writing" in box.get_text()]
    assert summary and len(normalise(summary[0].get_text(" "))) > 200, "no written summary beside the video"


@pytest.mark.browser
def test_video_loads_only_when_the_button_is_pressed(built_book, browser):
    page_ = browser.new_page()
    requests = []
    page_.on("request", lambda request: requests.append(request.url))
    # Nothing leaves this machine: every web request is refused (and recorded above).
    page_.route(re.compile(r"^https?://"), lambda route: route.abort())
    try:
        page_.goto((built_book / f"{VIDEO_PAGE}.html").as_uri())
        button = page_.locator("button.video-consent__button")
        button.wait_for(state="visible", timeout=10_000)
        assert page_.locator("iframe").count() == 0
        assert not [u for u in requests if "youtube" in u], f"requested before the click: {requests}"
        # Keyboard first: the button is reachable and works with Enter.
        button.focus()
        page_.keyboard.press("Enter")
        frame = page_.locator("iframe.video-consent__frame")
        frame.wait_for(state="attached", timeout=10_000)
        assert frame.get_attribute("src").startswith(NOCOOKIE)
        assert frame.get_attribute("title")
        assert page_.locator("button.video-consent__button").count() == 0
        page_.wait_for_timeout(300)
        hosts = {urlsplit(u).netloc for u in requests if u.startswith("http")}
        assert hosts <= {"www.youtube-nocookie.com"}, f"the page contacted other hosts: {hosts}"
    finally:
        page_.close()
