"""The facilitator handbook: the whole built book as one printable PDF (``./run.sh handbook``).

``toc`` reads the book's order from ``_toc.yml``; ``pages`` turns each built page into its printed
form (activity pages become instructions for running them on paper: ``paper``, which reads
``paper.yml`` of each activity's package);
``document`` puts cover, contents and pages into one HTML document (``templates/handbook.html``);
``printing`` prints it with Chromium (Playwright) twice, so the contents carry the page numbers
where each title landed. Run it with ``python -m handbook``.
"""
