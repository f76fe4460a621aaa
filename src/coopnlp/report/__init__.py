"""Pages to look at: the HTML report over an output folder and the inspect page of
one document (see `report.build` and `report.document`)."""
