"""Split a page into its articles, sidebars, furniture and advertisements.

The page text is cut into lines; on a hard-wrapped page (many lines of one width that stop
mid-sentence, as OCR output gives) the lines of each paragraph are joined first, leaving the
line breaks out of the article spans. Each line gets a role from its shape and the lexicons
under ``gazetteers/segment/`` (heading, body, byline, credit, furniture, advertisement), or
from the layout hints of a PDF page when there are any; hints never make a bare name body
text. Runs of short, figure-dense lines become sidebars and leave the article stream. The
stream is then read in order:

- a group of heading lines starts a new article when the evidence says so (a byline or a
  dateline follows, a column tag ends it, the previous article closed with a credit, the topic
  changes); otherwise it is a section head of the current article;
- a body line that stops mid-sentence is joined to the next body line when the join makes a
  word (jieba's dictionary), the break falls after a comma, or the topic goes on; else the
  article is truncated and the next text starts a new one;
- a short display line over a name line (or a name line alone), with no body text of their
  own after them, are the column name and author that sign off the article before them; at
  the very end of the page they go to the headline-less commentary. A short display line
  whose text ends with its own author's name is that commentary's column name;
- a column name and author that close text which opened as another article (a finished
  news story, a feature, an article with section heads) sign off a headline-less commentary
  printed after it: walking back from the sign-off over the paragraphs while their topic
  holds together, the commentary starts where the topic shifts (``Reader._commentary_start``);
  the pieces of columns in a row each take their own sign-off;
- the bylined parts of a report that an editor's note (——编者) introduces stay in it, and an
  editor's note (编者按：…) printed over a headline opens that headline's article;
- a continuation note closes its article as truncated (下转第8版) or opens a continued one
  (上接第1版); an item of a list of briefs ("lead-in　本报讯　…") is an article headed by its
  lead-in; each captioned photo with its credit under a picture label is an item;
- display lines after an advertisement marker (or before it, when they are no article: no
  finished sentence, no byline) are its copy.

Background boxes under a label (链接, 背景: ``box_labels.txt``) are sidebars, as the annotation
guide says (corpora/ANNOTATION.md, section 3). A run of short figure lines that the text
announces with a colon (成绩如下：) is a table in the body, not a sidebar.

Article spans index into the page text; their concatenation is the article's stitched text.
"""

from pipeline.segment.assemble import Segmentation, SidebarUnit, segment
from pipeline.segment.cues import (
    byline_names,
    dateline_names,
    ends_sentence,
    figure_density,
    is_advertisement,
    is_credit,
    is_furniture,
    is_jump,
    is_person_name,
    preload,
    split_names,
    split_trailing_byline,
    word_joins,
)

__all__ = [
    "Segmentation",
    "SidebarUnit",
    "byline_names",
    "dateline_names",
    "ends_sentence",
    "figure_density",
    "is_advertisement",
    "is_credit",
    "is_furniture",
    "is_jump",
    "is_person_name",
    "preload",
    "segment",
    "split_names",
    "split_trailing_byline",
    "word_joins",
]
