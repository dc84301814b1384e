/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Generated from data/catalog.json by build-aux/catalog-strings: do not edit.
 * Regenerate with `build-aux/catalog-strings --write`. Never compiled; it lets
 * xgettext see the component catalog's labels and descriptions, which the
 * catalog translates at run time with g_dgettext(). */

static const char *catalog_strings[] = {
  /* category converters: label */
  N_("Converters"),
  /* category converters: description */
  N_("Turn files into documents"),
  /* category preprocessors: label */
  N_("Preprocessors"),
  /* category preprocessors: description */
  N_("Clean and split documents"),
  /* category routers: label */
  N_("Routers"),
  /* category routers: description */
  N_("Send files and documents down different branches"),
  /* category joiners: label */
  N_("Joiners"),
  /* category joiners: description */
  N_("Merge branches back together"),
  /* category embedders: label */
  N_("Embedders"),
  /* category embedders: description */
  N_("Turn text into vectors for semantic search"),
  /* category writers: label */
  N_("Writers"),
  /* category writers: description */
  N_("Store documents"),
  /* category generators: label */
  N_("Generators"),
  /* category generators: description */
  N_("Generate content with language models"),
  /* category other: label */
  N_("Other"),
  /* category other: description */
  N_("Code, tracing and chat components"),
  /* TextFileToDocument: label */
  N_("Text File to Document"),
  /* TextFileToDocument: description */
  N_("Reads plain text files into documents"),
  /* TextFileToDocument input sources: label */
  N_("Sources"),
  /* TextFileToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* TextFileToDocument input meta: label */
  N_("Metadata"),
  /* TextFileToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* TextFileToDocument output documents: label */
  N_("Documents"),
  /* TextFileToDocument output documents: description */
  N_("The resulting documents"),
  /* TextFileToDocument parameter encoding: label */
  N_("Encoding"),
  /* TextFileToDocument parameter encoding: description */
  N_("Text encoding of the files"),
  /* TextFileToDocument parameter store_full_path: label */
  N_("Store full path"),
  /* TextFileToDocument parameter store_full_path: description */
  N_("Keep the full file path in the document metadata instead of the file name"),
  /* MarkdownToDocument: label */
  N_("Markdown to Document"),
  /* MarkdownToDocument: description */
  N_("Converts Markdown files into plain-text documents"),
  /* MarkdownToDocument input sources: label */
  N_("Sources"),
  /* MarkdownToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* MarkdownToDocument input meta: label */
  N_("Metadata"),
  /* MarkdownToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* MarkdownToDocument output documents: label */
  N_("Documents"),
  /* MarkdownToDocument output documents: description */
  N_("The resulting documents"),
  /* MarkdownToDocument parameter table_to_single_line: label */
  N_("Tables on one line"),
  /* MarkdownToDocument parameter table_to_single_line: description */
  N_("Write each table on a single line"),
  /* MarkdownToDocument parameter progress_bar: label */
  N_("Progress bar"),
  /* MarkdownToDocument parameter progress_bar: description */
  N_("Show a progress bar in the logs"),
  /* MarkdownToDocument parameter store_full_path: label */
  N_("Store full path"),
  /* MarkdownToDocument parameter store_full_path: description */
  N_("Keep the full file path in the document metadata instead of the file name"),
  /* MarkdownToDocument parameter encoding: label */
  N_("Encoding"),
  /* MarkdownToDocument parameter encoding: description */
  N_("Text encoding of the files"),
  /* MarkdownToDocument parameter extract_frontmatter: label */
  N_("Extract front matter"),
  /* MarkdownToDocument parameter extract_frontmatter: description */
  N_("Move the YAML front matter into the document metadata"),
  /* PyPDFToDocument: label */
  N_("PDF to Document (pypdf)"),
  /* PyPDFToDocument: description */
  N_("Extracts the text of PDF files with pypdf, keeping page breaks"),
  /* PyPDFToDocument input sources: label */
  N_("Sources"),
  /* PyPDFToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* PyPDFToDocument input meta: label */
  N_("Metadata"),
  /* PyPDFToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* PyPDFToDocument output documents: label */
  N_("Documents"),
  /* PyPDFToDocument output documents: description */
  N_("The resulting documents"),
  /* PyPDFToDocument parameter extraction_mode: label */
  N_("Extraction mode"),
  /* PyPDFToDocument parameter extraction_mode: description */
  N_("Plain text, or text laid out as on the page"),
  /* PyPDFToDocument parameter plain_mode_orientations: label */
  N_("Text orientations"),
  /* PyPDFToDocument parameter plain_mode_orientations: description */
  N_("Text orientations (degrees) to extract in plain mode"),
  /* PyPDFToDocument parameter plain_mode_space_width: label */
  N_("Space width"),
  /* PyPDFToDocument parameter plain_mode_space_width: description */
  N_("Width of a space in plain mode"),
  /* PyPDFToDocument parameter layout_mode_space_vertically: label */
  N_("Vertical spacing"),
  /* PyPDFToDocument parameter layout_mode_space_vertically: description */
  N_("Insert blank lines for vertical space in layout mode"),
  /* PyPDFToDocument parameter layout_mode_scale_weight: label */
  N_("Scale weight"),
  /* PyPDFToDocument parameter layout_mode_scale_weight: description */
  N_("Horizontal scale in layout mode"),
  /* PyPDFToDocument parameter layout_mode_strip_rotated: label */
  N_("Strip rotated text"),
  /* PyPDFToDocument parameter layout_mode_strip_rotated: description */
  N_("Drop rotated text in layout mode"),
  /* PyPDFToDocument parameter layout_mode_font_height_weight: label */
  N_("Font height weight"),
  /* PyPDFToDocument parameter layout_mode_font_height_weight: description */
  N_("How much font size affects line spacing in layout mode"),
  /* PyPDFToDocument parameter store_full_path: label */
  N_("Store full path"),
  /* PyPDFToDocument parameter store_full_path: description */
  N_("Keep the full file path in the document metadata instead of the file name"),
  /* DOCXToDocument: label */
  N_("Word to Document"),
  /* DOCXToDocument: description */
  N_("Converts Word (DOCX) files into documents, keeping page breaks"),
  /* DOCXToDocument input sources: label */
  N_("Sources"),
  /* DOCXToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* DOCXToDocument input meta: label */
  N_("Metadata"),
  /* DOCXToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* DOCXToDocument output documents: label */
  N_("Documents"),
  /* DOCXToDocument output documents: description */
  N_("The resulting documents"),
  /* DOCXToDocument parameter table_format: label */
  N_("Table format"),
  /* DOCXToDocument parameter table_format: description */
  N_("How tables are written in the text"),
  /* DOCXToDocument parameter link_format: label */
  N_("Link format"),
  /* DOCXToDocument parameter link_format: description */
  N_("How hyperlinks are written in the text"),
  /* DOCXToDocument parameter store_full_path: label */
  N_("Store full path"),
  /* DOCXToDocument parameter store_full_path: description */
  N_("Keep the full file path in the document metadata instead of the file name"),
  /* PPTXToDocument: label */
  N_("PowerPoint to Document"),
  /* PPTXToDocument: description */
  N_("Converts PowerPoint (PPTX) files into documents, one page per slide"),
  /* PPTXToDocument input sources: label */
  N_("Sources"),
  /* PPTXToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* PPTXToDocument input meta: label */
  N_("Metadata"),
  /* PPTXToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* PPTXToDocument output documents: label */
  N_("Documents"),
  /* PPTXToDocument output documents: description */
  N_("The resulting documents"),
  /* PPTXToDocument parameter store_full_path: label */
  N_("Store full path"),
  /* PPTXToDocument parameter store_full_path: description */
  N_("Keep the full file path in the document metadata instead of the file name"),
  /* PPTXToDocument parameter link_format: label */
  N_("Link format"),
  /* PPTXToDocument parameter link_format: description */
  N_("How hyperlinks are written in the text"),
  /* CSVToDocument: label */
  N_("CSV to Document"),
  /* CSVToDocument: description */
  N_("Reads CSV files into documents, one per file or one per row"),
  /* CSVToDocument input sources: label */
  N_("Sources"),
  /* CSVToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* CSVToDocument input content_column: label */
  N_("Content column"),
  /* CSVToDocument input content_column: description */
  N_("Column that holds the text (needed for one document per row)"),
  /* CSVToDocument input meta: label */
  N_("Metadata"),
  /* CSVToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* CSVToDocument output documents: label */
  N_("Documents"),
  /* CSVToDocument output documents: description */
  N_("The resulting documents"),
  /* CSVToDocument parameter encoding: label */
  N_("Encoding"),
  /* CSVToDocument parameter encoding: description */
  N_("Text encoding of the files"),
  /* CSVToDocument parameter store_full_path: label */
  N_("Store full path"),
  /* CSVToDocument parameter store_full_path: description */
  N_("Keep the full file path in the document metadata instead of the file name"),
  /* CSVToDocument parameter conversion_mode: label */
  N_("Conversion mode"),
  /* CSVToDocument parameter conversion_mode: description */
  N_("One document per file or one per row"),
  /* CSVToDocument parameter delimiter: label */
  N_("Delimiter"),
  /* CSVToDocument parameter delimiter: description */
  N_("Character between fields, usually a comma"),
  /* CSVToDocument parameter quotechar: label */
  N_("Quote character"),
  /* CSVToDocument parameter quotechar: description */
  N_("Character that encloses a field holding the delimiter"),
  /* HTMLToDocument: label */
  N_("HTML to Document"),
  /* HTMLToDocument: description */
  N_("Extracts the main text of HTML pages"),
  /* HTMLToDocument input sources: label */
  N_("Sources"),
  /* HTMLToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* HTMLToDocument input meta: label */
  N_("Metadata"),
  /* HTMLToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* HTMLToDocument input extraction_kwargs: label */
  N_("Extraction options"),
  /* HTMLToDocument input extraction_kwargs: description */
  N_("Options for the text extractor, overriding the parameter"),
  /* HTMLToDocument output documents: label */
  N_("Documents"),
  /* HTMLToDocument output documents: description */
  N_("The resulting documents"),
  /* HTMLToDocument parameter extraction_kwargs: label */
  N_("Extraction options"),
  /* HTMLToDocument parameter extraction_kwargs: description */
  N_("Options passed to the text extractor"),
  /* HTMLToDocument parameter store_full_path: label */
  N_("Store full path"),
  /* HTMLToDocument parameter store_full_path: description */
  N_("Keep the full file path in the document metadata instead of the file name"),
  /* HTMLToDocument parameter encoding: label */
  N_("Encoding"),
  /* HTMLToDocument parameter encoding: description */
  N_("Text encoding of the files"),
  /* EnhancedPlainToDocument: label */
  N_("Plain Text to Document (MOI)"),
  /* EnhancedPlainToDocument: description */
  N_("Reads plain text and Markdown files into documents"),
  /* EnhancedPlainToDocument input sources: label */
  N_("Sources"),
  /* EnhancedPlainToDocument input sources: description */
  N_("Paths or byte streams of the files to convert; accepts several senders"),
  /* EnhancedPlainToDocument input meta: label */
  N_("Metadata"),
  /* EnhancedPlainToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* EnhancedPlainToDocument output documents: label */
  N_("Documents"),
  /* EnhancedPlainToDocument output documents: description */
  N_("The resulting documents"),
  /* MagicPDFToDocument: label */
  N_("PDF to Document (MOI)"),
  /* MagicPDFToDocument: description */
  N_("Parses PDF files, including layout, tables and images"),
  /* MagicPDFToDocument input sources: label */
  N_("Sources"),
  /* MagicPDFToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* MagicPDFToDocument input meta: label */
  N_("Metadata"),
  /* MagicPDFToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* MagicPDFToDocument output documents: label */
  N_("Documents"),
  /* MagicPDFToDocument output documents: description */
  N_("The resulting documents"),
  /* MagicPDFToDocument parameter image_process_types: label */
  N_("Image processing"),
  /* MagicPDFToDocument parameter image_process_types: description */
  N_("What to get from images: a caption, the text in them (OCR), or both"),
  /* EnhancedDOCXToDocument: label */
  N_("Word to Document (MOI)"),
  /* EnhancedDOCXToDocument: description */
  N_("Parses Word files, including tables and images"),
  /* EnhancedDOCXToDocument input sources: label */
  N_("Sources"),
  /* EnhancedDOCXToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* EnhancedDOCXToDocument input meta: label */
  N_("Metadata"),
  /* EnhancedDOCXToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* EnhancedDOCXToDocument output documents: label */
  N_("Documents"),
  /* EnhancedDOCXToDocument output documents: description */
  N_("The resulting documents"),
  /* EnhancedDOCXToDocument parameter image_process_types: label */
  N_("Image processing"),
  /* EnhancedDOCXToDocument parameter image_process_types: description */
  N_("What to get from images: a caption, the text in them (OCR), or both"),
  /* EnhancedPPTXToDocument: label */
  N_("PowerPoint to Document (MOI)"),
  /* EnhancedPPTXToDocument: description */
  N_("Parses PowerPoint files, including images"),
  /* EnhancedPPTXToDocument input sources: label */
  N_("Sources"),
  /* EnhancedPPTXToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* EnhancedPPTXToDocument input meta: label */
  N_("Metadata"),
  /* EnhancedPPTXToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* EnhancedPPTXToDocument output documents: label */
  N_("Documents"),
  /* EnhancedPPTXToDocument output documents: description */
  N_("The resulting documents"),
  /* EnhancedPPTXToDocument parameter image_process_types: label */
  N_("Image processing"),
  /* EnhancedPPTXToDocument parameter image_process_types: description */
  N_("What to get from images: a caption, the text in them (OCR), or both"),
  /* ImageToDocument: label */
  N_("Image to Document"),
  /* ImageToDocument: description */
  N_("Turns images into documents to be captioned or read by OCR"),
  /* ImageToDocument input sources: label */
  N_("Sources"),
  /* ImageToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* ImageToDocument input meta: label */
  N_("Metadata"),
  /* ImageToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* ImageToDocument output documents: label */
  N_("Documents"),
  /* ImageToDocument output documents: description */
  N_("The resulting documents"),
  /* ImageToDocument parameter image_process_types: label */
  N_("Image processing"),
  /* ImageToDocument parameter image_process_types: description */
  N_("What to get from images: a caption, the text in them (OCR), or both"),
  /* ImageOCRToDocument: label */
  N_("Image OCR"),
  /* ImageOCRToDocument: description */
  N_("Reads the text of image documents with an OCR model"),
  /* ImageOCRToDocument input documents: label */
  N_("Documents"),
  /* ImageOCRToDocument input documents: description */
  N_("The documents to process"),
  /* ImageOCRToDocument output documents: label */
  N_("Documents"),
  /* ImageOCRToDocument output documents: description */
  N_("The resulting documents"),
  /* ImageOCRToDocument parameter model: label */
  N_("Model"),
  /* ImageOCRToDocument parameter model: description */
  N_("OCR model"),
  /* ImageOCRToDocument parameter tokenizer: label */
  N_("Tokenizer"),
  /* ImageOCRToDocument parameter tokenizer: description */
  N_("Tokenizer of the OCR model"),
  /* ImageCaptionToDocument: label */
  N_("Image Caption"),
  /* ImageCaptionToDocument: description */
  N_("Describes image documents with a vision model"),
  /* ImageCaptionToDocument input documents: label */
  N_("Documents"),
  /* ImageCaptionToDocument input documents: description */
  N_("The documents to process"),
  /* ImageCaptionToDocument output documents: label */
  N_("Documents"),
  /* ImageCaptionToDocument output documents: description */
  N_("The resulting documents"),
  /* ImageCaptionToDocument parameter language: label */
  N_("Language"),
  /* ImageCaptionToDocument parameter language: description */
  N_("Language of the captions"),
  /* AudioToDocument: label */
  N_("Audio to Document"),
  /* AudioToDocument: description */
  N_("Transcribes audio files into documents"),
  /* AudioToDocument input sources: label */
  N_("Sources"),
  /* AudioToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* AudioToDocument input meta: label */
  N_("Metadata"),
  /* AudioToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* AudioToDocument output documents: label */
  N_("Documents"),
  /* AudioToDocument output documents: description */
  N_("The resulting documents"),
  /* AudioToDocument parameter asr_model: label */
  N_("Speech model"),
  /* AudioToDocument parameter asr_model: description */
  N_("Speech recognition model"),
  /* AudioToDocument parameter enable_noise_reduction: label */
  N_("Noise reduction"),
  /* AudioToDocument parameter enable_noise_reduction: description */
  N_("Reduce background noise first"),
  /* AudioToDocument parameter enable_speaker_diarization: label */
  N_("Identify speakers"),
  /* AudioToDocument parameter enable_speaker_diarization: description */
  N_("Mark who is speaking in the transcript"),
  /* AudioToDocument parameter max_segment_duration: label */
  N_("Longest segment"),
  /* AudioToDocument parameter max_segment_duration: description */
  N_("Longest audio segment, in seconds"),
  /* AudioToDocument parameter min_silence_duration: label */
  N_("Shortest silence"),
  /* AudioToDocument parameter min_silence_duration: description */
  N_("Shortest silence that ends a segment, in seconds"),
  /* AudioToDocument parameter audio_server_url: label */
  N_("Speech server"),
  /* AudioToDocument parameter audio_server_url: description */
  N_("Address of the speech recognition service"),
  /* VideoToDocument: label */
  N_("Video to Document"),
  /* VideoToDocument: description */
  N_("Transcribes the sound of video files into documents"),
  /* VideoToDocument input sources: label */
  N_("Sources"),
  /* VideoToDocument input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* VideoToDocument input meta: label */
  N_("Metadata"),
  /* VideoToDocument input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* VideoToDocument output documents: label */
  N_("Documents"),
  /* VideoToDocument output documents: description */
  N_("The resulting documents"),
  /* VideoToDocument parameter asr_model: label */
  N_("Speech model"),
  /* VideoToDocument parameter asr_model: description */
  N_("Speech recognition model"),
  /* VideoToDocument parameter enable_noise_reduction: label */
  N_("Noise reduction"),
  /* VideoToDocument parameter enable_noise_reduction: description */
  N_("Reduce background noise first"),
  /* VideoToDocument parameter enable_speaker_diarization: label */
  N_("Identify speakers"),
  /* VideoToDocument parameter enable_speaker_diarization: description */
  N_("Mark who is speaking in the transcript"),
  /* VideoToDocument parameter max_segment_duration: label */
  N_("Longest segment"),
  /* VideoToDocument parameter max_segment_duration: description */
  N_("Longest audio segment, in seconds"),
  /* VideoToDocument parameter min_silence_duration: label */
  N_("Shortest silence"),
  /* VideoToDocument parameter min_silence_duration: description */
  N_("Shortest silence that ends a segment, in seconds"),
  /* VideoToDocument parameter audio_server_url: label */
  N_("Speech server"),
  /* VideoToDocument parameter audio_server_url: description */
  N_("Address of the speech recognition service"),
  /* ImageStructureOutput: label */
  N_("Image to Structured Document"),
  /* ImageStructureOutput: description */
  N_("Turns images into structured documents with a vision model"),
  /* ImageStructureOutput input sources: label */
  N_("Sources"),
  /* ImageStructureOutput input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* ImageStructureOutput input meta: label */
  N_("Metadata"),
  /* ImageStructureOutput input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* ImageStructureOutput output documents: label */
  N_("Documents"),
  /* ImageStructureOutput output documents: description */
  N_("The resulting documents"),
  /* ImageStructureOutput parameter image_process_types: label */
  N_("Image processing"),
  /* ImageStructureOutput parameter image_process_types: description */
  N_("What to get from images: a caption, the text in them (OCR), or both"),
  /* DocumentCleaner: label */
  N_("Document Cleaner"),
  /* DocumentCleaner: description */
  N_("Removes extra whitespace, empty lines, repeated headers and chosen text"),
  /* DocumentCleaner input documents: label */
  N_("Documents"),
  /* DocumentCleaner input documents: description */
  N_("The documents to process"),
  /* DocumentCleaner output documents: label */
  N_("Documents"),
  /* DocumentCleaner output documents: description */
  N_("The resulting documents"),
  /* DocumentCleaner parameter remove_empty_lines: label */
  N_("Remove empty lines"),
  /* DocumentCleaner parameter remove_empty_lines: description */
  N_("Drop lines that hold only whitespace"),
  /* DocumentCleaner parameter remove_extra_whitespaces: label */
  N_("Remove extra whitespace"),
  /* DocumentCleaner parameter remove_extra_whitespaces: description */
  N_("Collapse runs of whitespace into one space"),
  /* DocumentCleaner parameter remove_repeated_substrings: label */
  N_("Remove headers and footers"),
  /* DocumentCleaner parameter remove_repeated_substrings: description */
  N_("Remove text repeated at the top or bottom of every page"),
  /* DocumentCleaner parameter keep_id: label */
  N_("Keep IDs"),
  /* DocumentCleaner parameter keep_id: description */
  N_("Keep the document IDs instead of computing new ones"),
  /* DocumentCleaner parameter remove_substrings: label */
  N_("Remove text"),
  /* DocumentCleaner parameter remove_substrings: description */
  N_("Exact strings to remove"),
  /* DocumentCleaner parameter remove_regex: label */
  N_("Remove pattern"),
  /* DocumentCleaner parameter remove_regex: description */
  N_("Regular expression whose matches are removed"),
  /* DocumentCleaner parameter unicode_normalization: label */
  N_("Unicode normalization"),
  /* DocumentCleaner parameter unicode_normalization: description */
  N_("Unicode normalization form"),
  /* DocumentCleaner parameter ascii_only: label */
  N_("ASCII only"),
  /* DocumentCleaner parameter ascii_only: description */
  N_("Strip accents and drop other non-ASCII characters"),
  /* DocumentCleaner parameter strip_whitespaces: label */
  N_("Strip whitespace"),
  /* DocumentCleaner parameter strip_whitespaces: description */
  N_("Remove whitespace at the start and end of the text"),
  /* DocumentCleaner parameter replace_regexes: label */
  N_("Replace patterns"),
  /* DocumentCleaner parameter replace_regexes: description */
  N_("Regular expressions and their replacements"),
  /* DocumentSplitter: label */
  N_("Document Splitter"),
  /* DocumentSplitter: description */
  N_("Splits documents into chunks of words, sentences, lines, passages or pages"),
  /* DocumentSplitter input documents: label */
  N_("Documents"),
  /* DocumentSplitter input documents: description */
  N_("The documents to process"),
  /* DocumentSplitter output documents: label */
  N_("Documents"),
  /* DocumentSplitter output documents: description */
  N_("The resulting documents"),
  /* DocumentSplitter parameter split_by: label */
  N_("Split by"),
  /* DocumentSplitter parameter split_by: description */
  N_("Unit the length is counted in"),
  /* DocumentSplitter parameter split_length: label */
  N_("Chunk length"),
  /* DocumentSplitter parameter split_length: description */
  N_("Number of units per chunk"),
  /* DocumentSplitter parameter split_overlap: label */
  N_("Overlap"),
  /* DocumentSplitter parameter split_overlap: description */
  N_("Number of units shared by neighbouring chunks"),
  /* DocumentSplitter parameter split_threshold: label */
  N_("Threshold"),
  /* DocumentSplitter parameter split_threshold: description */
  N_("Chunks with fewer units are merged into the previous one"),
  /* DocumentSplitter parameter splitting_function: label */
  N_("Splitting function"),
  /* DocumentSplitter parameter splitting_function: description */
  N_("Python function (module.name) that splits the text when splitting by function"),
  /* DocumentSplitter parameter respect_sentence_boundary: label */
  N_("Respect sentences"),
  /* DocumentSplitter parameter respect_sentence_boundary: description */
  N_("When splitting by word, never cut a sentence in two"),
  /* DocumentSplitter parameter language: label */
  N_("Language"),
  /* DocumentSplitter parameter language: description */
  N_("Language used to find sentence boundaries"),
  /* DocumentSplitter parameter use_split_rules: label */
  N_("Extra split rules"),
  /* DocumentSplitter parameter use_split_rules: description */
  N_("Apply extra rules when finding sentences"),
  /* DocumentSplitter parameter extend_abbreviations: label */
  N_("Extended abbreviations"),
  /* DocumentSplitter parameter extend_abbreviations: description */
  N_("Use a longer list of abbreviations when finding sentences"),
  /* DocumentSplitter parameter skip_empty_documents: label */
  N_("Skip empty documents"),
  /* DocumentSplitter parameter skip_empty_documents: description */
  N_("Drop documents without text"),
  /* RecursiveDocumentSplitter: label */
  N_("Recursive Splitter"),
  /* RecursiveDocumentSplitter: description */
  N_("Splits documents by trying a list of separators in turn"),
  /* RecursiveDocumentSplitter input documents: label */
  N_("Documents"),
  /* RecursiveDocumentSplitter input documents: description */
  N_("The documents to process"),
  /* RecursiveDocumentSplitter output documents: label */
  N_("Documents"),
  /* RecursiveDocumentSplitter output documents: description */
  N_("The resulting documents"),
  /* RecursiveDocumentSplitter parameter split_length: label */
  N_("Chunk length"),
  /* RecursiveDocumentSplitter parameter split_length: description */
  N_("Maximum length of a chunk"),
  /* RecursiveDocumentSplitter parameter split_overlap: label */
  N_("Overlap"),
  /* RecursiveDocumentSplitter parameter split_overlap: description */
  N_("Length shared by neighbouring chunks"),
  /* RecursiveDocumentSplitter parameter split_unit: label */
  N_("Unit"),
  /* RecursiveDocumentSplitter parameter split_unit: description */
  N_("Unit the length is counted in"),
  /* RecursiveDocumentSplitter parameter separators: label */
  N_("Separators"),
  /* RecursiveDocumentSplitter parameter separators: description */
  N_("Regular expressions tried in order; “sentence” splits at sentence ends"),
  /* RecursiveDocumentSplitter parameter sentence_splitter_params: label */
  N_("Sentence splitter options"),
  /* RecursiveDocumentSplitter parameter sentence_splitter_params: description */
  N_("Options of the sentence splitter"),
  /* NLTKDocumentSplitter: label */
  N_("NLTK Splitter"),
  /* NLTKDocumentSplitter: description */
  N_("Splits documents with NLTK sentence detection (Haystack 2.6 to 2.9)"),
  /* NLTKDocumentSplitter input documents: label */
  N_("Documents"),
  /* NLTKDocumentSplitter input documents: description */
  N_("The documents to process"),
  /* NLTKDocumentSplitter output documents: label */
  N_("Documents"),
  /* NLTKDocumentSplitter output documents: description */
  N_("The resulting documents"),
  /* NLTKDocumentSplitter parameter split_by: label */
  N_("Split by"),
  /* NLTKDocumentSplitter parameter split_by: description */
  N_("Unit the length is counted in"),
  /* NLTKDocumentSplitter parameter split_length: label */
  N_("Chunk length"),
  /* NLTKDocumentSplitter parameter split_length: description */
  N_("Number of units per chunk"),
  /* NLTKDocumentSplitter parameter split_overlap: label */
  N_("Overlap"),
  /* NLTKDocumentSplitter parameter split_overlap: description */
  N_("Number of units shared by neighbouring chunks"),
  /* NLTKDocumentSplitter parameter split_threshold: label */
  N_("Threshold"),
  /* NLTKDocumentSplitter parameter split_threshold: description */
  N_("Chunks with fewer units are merged into the previous one"),
  /* NLTKDocumentSplitter parameter respect_sentence_boundary: label */
  N_("Respect sentences"),
  /* NLTKDocumentSplitter parameter respect_sentence_boundary: description */
  N_("When splitting by word, never cut a sentence in two"),
  /* NLTKDocumentSplitter parameter language: label */
  N_("Language"),
  /* NLTKDocumentSplitter parameter language: description */
  N_("Language used to find sentence boundaries"),
  /* NLTKDocumentSplitter parameter use_split_rules: label */
  N_("Extra split rules"),
  /* NLTKDocumentSplitter parameter use_split_rules: description */
  N_("Apply extra rules when finding sentences"),
  /* NLTKDocumentSplitter parameter extend_abbreviations: label */
  N_("Extended abbreviations"),
  /* NLTKDocumentSplitter parameter extend_abbreviations: description */
  N_("Use a longer list of abbreviations when finding sentences"),
  /* NLTKDocumentSplitter parameter splitting_function: label */
  N_("Splitting function"),
  /* NLTKDocumentSplitter parameter splitting_function: description */
  N_("Python function (module.name) that splits the text when splitting by function"),
  /* EnhancedDocumentSplitter: label */
  N_("Splitter (MOI)"),
  /* EnhancedDocumentSplitter: description */
  N_("Splits documents into chunks of characters or words (100 to 2000 in MOI)"),
  /* EnhancedDocumentSplitter input documents: label */
  N_("Documents"),
  /* EnhancedDocumentSplitter input documents: description */
  N_("The documents to process"),
  /* EnhancedDocumentSplitter output documents: label */
  N_("Documents"),
  /* EnhancedDocumentSplitter output documents: description */
  N_("The resulting documents"),
  /* EnhancedDocumentSplitter parameter split_unit: label */
  N_("Unit"),
  /* EnhancedDocumentSplitter parameter split_unit: description */
  N_("Unit the length is counted in"),
  /* EnhancedDocumentSplitter parameter split_length: label */
  N_("Chunk length"),
  /* EnhancedDocumentSplitter parameter split_length: description */
  N_("Number of units per chunk"),
  /* EnhancedDocumentSplitter parameter split_overlap: label */
  N_("Overlap"),
  /* EnhancedDocumentSplitter parameter split_overlap: description */
  N_("Number of units shared by neighbouring chunks"),
  /* EnhancedDocumentSplitter parameter custom_separators: label */
  N_("Custom separators"),
  /* EnhancedDocumentSplitter parameter custom_separators: description */
  N_("Separators to split at"),
  /* EnhancedDocumentSplitter parameter enable_level_based_split: label */
  N_("Split by heading level"),
  /* EnhancedDocumentSplitter parameter enable_level_based_split: description */
  N_("Split at the headings of the document structure"),
  /* MoiDocumentCleaner: label */
  N_("Cleaner (MOI)"),
  /* MoiDocumentCleaner: description */
  N_("Removes duplicates, special characters and personal data, and tidies the text"),
  /* MoiDocumentCleaner input documents: label */
  N_("Documents"),
  /* MoiDocumentCleaner input documents: description */
  N_("The documents to process"),
  /* MoiDocumentCleaner output documents: label */
  N_("Documents"),
  /* MoiDocumentCleaner output documents: description */
  N_("The resulting documents"),
  /* MoiDocumentCleaner parameter switch_deduplication: label */
  N_("Deduplication"),
  /* MoiDocumentCleaner parameter switch_deduplication: description */
  N_("Remove duplicate content"),
  /* MoiDocumentCleaner parameter switch_special_char_filter: label */
  N_("Special character filter"),
  /* MoiDocumentCleaner parameter switch_special_char_filter: description */
  N_("Drop chunks with too many special characters"),
  /* MoiDocumentCleaner parameter switch_special_char_remove: label */
  N_("Special character removal"),
  /* MoiDocumentCleaner parameter switch_special_char_remove: description */
  N_("Remove special characters"),
  /* MoiDocumentCleaner parameter switch_text_standardization: label */
  N_("Text standardization"),
  /* MoiDocumentCleaner parameter switch_text_standardization: description */
  N_("Tidy spaces, line endings and blank lines"),
  /* MoiDocumentCleaner parameter deduplication_by_md5: label */
  N_("Exact deduplication"),
  /* MoiDocumentCleaner parameter deduplication_by_md5: description */
  N_("Remove chunks whose text is exactly the same"),
  /* MoiDocumentCleaner parameter deduplication_by_similarity: label */
  N_("Similarity deduplication"),
  /* MoiDocumentCleaner parameter deduplication_by_similarity: description */
  N_("Remove near-duplicate chunks"),
  /* MoiDocumentCleaner parameter remove_html_labels: label */
  N_("Remove HTML tags"),
  /* MoiDocumentCleaner parameter remove_html_labels: description */
  N_("Remove HTML tags from the text"),
  /* MoiDocumentCleaner parameter remove_invisible_char: label */
  N_("Remove invisible characters"),
  /* MoiDocumentCleaner parameter remove_invisible_char: description */
  N_("Remove control and invisible characters"),
  /* MoiDocumentCleaner parameter remove_persional_message: label */
  N_("Remove personal data"),
  /* MoiDocumentCleaner parameter remove_persional_message: description */
  N_("Remove personal information such as phone numbers and e-mail addresses"),
  /* MoiDocumentCleaner parameter remove_sensitive_words: label */
  N_("Remove sensitive words"),
  /* MoiDocumentCleaner parameter remove_sensitive_words: description */
  N_("Mask offensive and illegal terms from a built-in list"),
  /* MoiDocumentCleaner parameter remove_url: label */
  N_("Remove URLs"),
  /* MoiDocumentCleaner parameter remove_url: description */
  N_("Remove web addresses"),
  /* MoiDocumentCleaner parameter traditional_chinese_to_simple: label */
  N_("Traditional to simplified Chinese"),
  /* MoiDocumentCleaner parameter traditional_chinese_to_simple: description */
  N_("Convert traditional Chinese characters to simplified ones"),
  /* MoiDocumentCleaner parameter unicode_normalization: label */
  N_("Unicode normalization"),
  /* MoiDocumentCleaner parameter unicode_normalization: description */
  N_("Turn full-width and other variant characters into their standard form (NFKC)"),
  /* MoiDocumentCleaner parameter deduplication_ngram_ratio: label */
  N_("Similarity threshold"),
  /* MoiDocumentCleaner parameter deduplication_ngram_ratio: description */
  N_("How alike two chunks must be, from 0 to 1, to count as duplicates"),
  /* MoiDocumentCleaner parameter filter_special_char_ratio: label */
  N_("Special character ratio"),
  /* MoiDocumentCleaner parameter filter_special_char_ratio: description */
  N_("Drop a chunk when special characters make up more than this share, from 0 to 1"),
  /* DocumentContentImageFiller: label */
  N_("Image Position Filler"),
  /* DocumentContentImageFiller: description */
  N_("Gives each image the page and chunk of the text that refers to it"),
  /* DocumentContentImageFiller input documents: label */
  N_("Documents"),
  /* DocumentContentImageFiller input documents: description */
  N_("The documents to process"),
  /* DocumentContentImageFiller output documents: label */
  N_("Documents"),
  /* DocumentContentImageFiller output documents: description */
  N_("The resulting documents"),
  /* FileTypeRouter: label */
  N_("File Type Router"),
  /* FileTypeRouter: description */
  N_("Sends each file to an output by its type (the first matching MIME type)"),
  /* FileTypeRouter input sources: label */
  N_("Sources"),
  /* FileTypeRouter input sources: description */
  N_("Paths or byte streams of the files to convert"),
  /* FileTypeRouter input meta: label */
  N_("Metadata"),
  /* FileTypeRouter input meta: description */
  N_("Metadata for every source, or one dictionary per source"),
  /* FileTypeRouter output unclassified: label */
  N_("Unclassified"),
  /* FileTypeRouter output unclassified: description */
  N_("Files that match no pattern"),
  /* FileTypeRouter output failed: label */
  N_("Failed"),
  /* FileTypeRouter output failed: description */
  N_("Files that don’t exist or can’t be read"),
  /* FileTypeRouter dynamic outputs: description */
  N_("Files of this MIME type"),
  /* FileTypeRouter parameter mime_types: label */
  N_("MIME types"),
  /* FileTypeRouter parameter mime_types: description */
  N_("MIME types or regular expressions; each one becomes an output"),
  /* FileTypeRouter parameter additional_mimetypes: label */
  N_("Extra MIME types"),
  /* FileTypeRouter parameter additional_mimetypes: description */
  N_("Extra file extension to MIME type mappings"),
  /* FileTypeRouter parameter raise_on_failure: label */
  N_("Fail on errors"),
  /* FileTypeRouter parameter raise_on_failure: description */
  N_("Stop at a file that doesn’t exist or can’t be read, instead of sending it to “Failed”"),
  /* MetadataRouter: label */
  N_("Metadata Router"),
  /* MetadataRouter: description */
  N_("Sends each document to every rule its metadata matches"),
  /* MetadataRouter input documents: label */
  N_("Documents"),
  /* MetadataRouter input documents: description */
  N_("The documents to route"),
  /* MetadataRouter output unmatched: label */
  N_("Unmatched"),
  /* MetadataRouter output unmatched: description */
  N_("Documents that match no rule"),
  /* MetadataRouter dynamic outputs: description */
  N_("Documents that match this rule"),
  /* MetadataRouter parameter rules: label */
  N_("Rules"),
  /* MetadataRouter parameter rules: description */
  N_("Output names and the metadata filters that lead to them"),
  /* MetadataRouter parameter output_type: label */
  N_("Output type"),
  /* MetadataRouter parameter output_type: description */
  N_("Python type of the outputs"),
  /* DocumentJoiner: label */
  N_("Document Joiner"),
  /* DocumentJoiner: description */
  N_("Joins the documents of several senders into one list"),
  /* DocumentJoiner input documents: label */
  N_("Documents"),
  /* DocumentJoiner input documents: description */
  N_("Document lists to join; accepts several senders"),
  /* DocumentJoiner input top_k: label */
  N_("Documents to keep"),
  /* DocumentJoiner input top_k: description */
  N_("Overrides the number of documents to keep"),
  /* DocumentJoiner output documents: label */
  N_("Documents"),
  /* DocumentJoiner output documents: description */
  N_("The resulting documents"),
  /* DocumentJoiner parameter join_mode: label */
  N_("Join mode"),
  /* DocumentJoiner parameter join_mode: description */
  N_("How the lists are joined"),
  /* DocumentJoiner parameter weights: label */
  N_("Weights"),
  /* DocumentJoiner parameter weights: description */
  N_("Weight of each input list (list of numbers)"),
  /* DocumentJoiner parameter top_k: label */
  N_("Documents to keep"),
  /* DocumentJoiner parameter top_k: description */
  N_("Keep only this many documents"),
  /* DocumentJoiner parameter sort_by_score: label */
  N_("Sort by score"),
  /* DocumentJoiner parameter sort_by_score: description */
  N_("Sort the documents by score, highest first"),
  /* OpenAIDocumentEmbedder: label */
  N_("OpenAI Document Embedder"),
  /* OpenAIDocumentEmbedder: description */
  N_("Computes document embeddings with an OpenAI-compatible service"),
  /* OpenAIDocumentEmbedder input documents: label */
  N_("Documents"),
  /* OpenAIDocumentEmbedder input documents: description */
  N_("The documents to process"),
  /* OpenAIDocumentEmbedder output documents: label */
  N_("Documents"),
  /* OpenAIDocumentEmbedder output documents: description */
  N_("The documents with their embeddings"),
  /* OpenAIDocumentEmbedder output meta: label */
  N_("Metadata"),
  /* OpenAIDocumentEmbedder output meta: description */
  N_("Model and usage information"),
  /* OpenAIDocumentEmbedder parameter api_key: label */
  N_("API key"),
  /* OpenAIDocumentEmbedder parameter api_key: description */
  N_("Where the API key comes from"),
  /* OpenAIDocumentEmbedder parameter model: label */
  N_("Model"),
  /* OpenAIDocumentEmbedder parameter model: description */
  N_("Embedding model"),
  /* OpenAIDocumentEmbedder parameter dimensions: label */
  N_("Dimensions"),
  /* OpenAIDocumentEmbedder parameter dimensions: description */
  N_("Size of the embeddings, if the model allows it"),
  /* OpenAIDocumentEmbedder parameter api_base_url: label */
  N_("Service URL"),
  /* OpenAIDocumentEmbedder parameter api_base_url: description */
  N_("Base URL of the embedding service"),
  /* OpenAIDocumentEmbedder parameter organization: label */
  N_("Organization"),
  /* OpenAIDocumentEmbedder parameter organization: description */
  N_("OpenAI organization"),
  /* OpenAIDocumentEmbedder parameter prefix: label */
  N_("Prefix"),
  /* OpenAIDocumentEmbedder parameter prefix: description */
  N_("Text added before each document"),
  /* OpenAIDocumentEmbedder parameter suffix: label */
  N_("Suffix"),
  /* OpenAIDocumentEmbedder parameter suffix: description */
  N_("Text added after each document"),
  /* OpenAIDocumentEmbedder parameter batch_size: label */
  N_("Batch size"),
  /* OpenAIDocumentEmbedder parameter batch_size: description */
  N_("Documents sent per request"),
  /* OpenAIDocumentEmbedder parameter progress_bar: label */
  N_("Progress bar"),
  /* OpenAIDocumentEmbedder parameter progress_bar: description */
  N_("Show a progress bar in the logs"),
  /* OpenAIDocumentEmbedder parameter meta_fields_to_embed: label */
  N_("Metadata to embed"),
  /* OpenAIDocumentEmbedder parameter meta_fields_to_embed: description */
  N_("Metadata fields embedded with the text"),
  /* OpenAIDocumentEmbedder parameter embedding_separator: label */
  N_("Separator"),
  /* OpenAIDocumentEmbedder parameter embedding_separator: description */
  N_("Text between the metadata fields and the text"),
  /* OpenAIDocumentEmbedder parameter timeout: label */
  N_("Timeout"),
  /* OpenAIDocumentEmbedder parameter timeout: description */
  N_("Request timeout, in seconds"),
  /* OpenAIDocumentEmbedder parameter max_retries: label */
  N_("Retries"),
  /* OpenAIDocumentEmbedder parameter max_retries: description */
  N_("Number of retries of a failed request"),
  /* OpenAIDocumentEmbedder parameter raise_on_failure: label */
  N_("Fail on errors"),
  /* OpenAIDocumentEmbedder parameter raise_on_failure: description */
  N_("Stop when a batch cannot be embedded"),
  /* SentenceTransformersDocumentEmbedder: label */
  N_("Sentence Transformers Embedder"),
  /* SentenceTransformersDocumentEmbedder: description */
  N_("Computes document embeddings with a local Sentence Transformers model"),
  /* SentenceTransformersDocumentEmbedder input documents: label */
  N_("Documents"),
  /* SentenceTransformersDocumentEmbedder input documents: description */
  N_("The documents to process"),
  /* SentenceTransformersDocumentEmbedder output documents: label */
  N_("Documents"),
  /* SentenceTransformersDocumentEmbedder output documents: description */
  N_("The documents with their embeddings"),
  /* SentenceTransformersDocumentEmbedder parameter model: label */
  N_("Model"),
  /* SentenceTransformersDocumentEmbedder parameter model: description */
  N_("Embedding model"),
  /* SentenceTransformersDocumentEmbedder parameter device: label */
  N_("Device"),
  /* SentenceTransformersDocumentEmbedder parameter device: description */
  N_("Device to run the model on"),
  /* SentenceTransformersDocumentEmbedder parameter token: label */
  N_("Hugging Face token"),
  /* SentenceTransformersDocumentEmbedder parameter token: description */
  N_("Where the Hugging Face token comes from"),
  /* SentenceTransformersDocumentEmbedder parameter prefix: label */
  N_("Prefix"),
  /* SentenceTransformersDocumentEmbedder parameter prefix: description */
  N_("Text added before each document"),
  /* SentenceTransformersDocumentEmbedder parameter suffix: label */
  N_("Suffix"),
  /* SentenceTransformersDocumentEmbedder parameter suffix: description */
  N_("Text added after each document"),
  /* SentenceTransformersDocumentEmbedder parameter batch_size: label */
  N_("Batch size"),
  /* SentenceTransformersDocumentEmbedder parameter batch_size: description */
  N_("Documents embedded at once"),
  /* SentenceTransformersDocumentEmbedder parameter progress_bar: label */
  N_("Progress bar"),
  /* SentenceTransformersDocumentEmbedder parameter progress_bar: description */
  N_("Show a progress bar in the logs"),
  /* SentenceTransformersDocumentEmbedder parameter normalize_embeddings: label */
  N_("Normalize"),
  /* SentenceTransformersDocumentEmbedder parameter normalize_embeddings: description */
  N_("Scale the embeddings to length 1"),
  /* SentenceTransformersDocumentEmbedder parameter meta_fields_to_embed: label */
  N_("Metadata to embed"),
  /* SentenceTransformersDocumentEmbedder parameter meta_fields_to_embed: description */
  N_("Metadata fields embedded with the text"),
  /* SentenceTransformersDocumentEmbedder parameter embedding_separator: label */
  N_("Separator"),
  /* SentenceTransformersDocumentEmbedder parameter embedding_separator: description */
  N_("Text between the metadata fields and the text"),
  /* SentenceTransformersDocumentEmbedder parameter trust_remote_code: label */
  N_("Trust remote code"),
  /* SentenceTransformersDocumentEmbedder parameter trust_remote_code: description */
  N_("Allow models that run their own code"),
  /* SentenceTransformersDocumentEmbedder parameter local_files_only: label */
  N_("Local files only"),
  /* SentenceTransformersDocumentEmbedder parameter local_files_only: description */
  N_("Never download the model"),
  /* SentenceTransformersDocumentEmbedder parameter truncate_dim: label */
  N_("Truncated size"),
  /* SentenceTransformersDocumentEmbedder parameter truncate_dim: description */
  N_("Cut the embeddings to this size"),
  /* SentenceTransformersDocumentEmbedder parameter model_kwargs: label */
  N_("Model options"),
  /* SentenceTransformersDocumentEmbedder parameter model_kwargs: description */
  N_("Options for loading the model"),
  /* SentenceTransformersDocumentEmbedder parameter tokenizer_kwargs: label */
  N_("Tokenizer options"),
  /* SentenceTransformersDocumentEmbedder parameter tokenizer_kwargs: description */
  N_("Options for loading the tokenizer"),
  /* SentenceTransformersDocumentEmbedder parameter config_kwargs: label */
  N_("Configuration options"),
  /* SentenceTransformersDocumentEmbedder parameter config_kwargs: description */
  N_("Options for loading the configuration"),
  /* SentenceTransformersDocumentEmbedder parameter precision: label */
  N_("Precision"),
  /* SentenceTransformersDocumentEmbedder parameter precision: description */
  N_("Numeric precision of the embeddings"),
  /* SentenceTransformersDocumentEmbedder parameter encode_kwargs: label */
  N_("Encoding options"),
  /* SentenceTransformersDocumentEmbedder parameter encode_kwargs: description */
  N_("Options for computing the embeddings"),
  /* SentenceTransformersDocumentEmbedder parameter backend: label */
  N_("Backend"),
  /* SentenceTransformersDocumentEmbedder parameter backend: description */
  N_("Library that runs the model"),
  /* SentenceTransformersDocumentEmbedder parameter revision: label */
  N_("Revision"),
  /* SentenceTransformersDocumentEmbedder parameter revision: description */
  N_("Model version to download: a branch, tag or commit"),
  /* DocumentWriter: label */
  N_("Document Writer"),
  /* DocumentWriter: description */
  N_("Writes documents into a document store"),
  /* DocumentWriter input documents: label */
  N_("Documents"),
  /* DocumentWriter input documents: description */
  N_("The documents to process"),
  /* DocumentWriter input policy: label */
  N_("Policy"),
  /* DocumentWriter input policy: description */
  N_("What to do with duplicates, overriding the parameter"),
  /* DocumentWriter output documents_written: label */
  N_("Documents written"),
  /* DocumentWriter output documents_written: description */
  N_("Number of documents written"),
  /* DocumentWriter parameter document_store: label */
  N_("Document store"),
  /* DocumentWriter parameter document_store: description */
  N_("Where the documents are stored"),
  /* DocumentWriter parameter policy: label */
  N_("Duplicate policy"),
  /* DocumentWriter parameter policy: description */
  N_("What to do with a document whose ID is already stored"),
  /* DataAugmentation: label */
  N_("Data Augmentation"),
  /* DataAugmentation: description */
  N_("Generates question-answer and other training data from the stored chunks"),
  /* DataAugmentation input documents: label */
  N_("Documents"),
  /* DataAugmentation input documents: description */
  N_("The documents to learn from"),
  /* DataAugmentation input count: label */
  N_("Count"),
  /* DataAugmentation input count: description */
  N_("Number of documents written upstream"),
  /* DataAugmentation output documents: label */
  N_("Documents"),
  /* DataAugmentation output documents: description */
  N_("The resulting documents"),
  /* DataAugmentation output data_augmentation: label */
  N_("Generated data"),
  /* DataAugmentation output data_augmentation: description */
  N_("The generated records"),
  /* DataAugmentation parameter type: label */
  N_("Type"),
  /* DataAugmentation parameter type: description */
  N_("Kind of data to generate"),
  /* DataAugmentation parameter json_num_per_block: label */
  N_("Records per chunk"),
  /* DataAugmentation parameter json_num_per_block: description */
  N_("Records generated from each chunk"),
  /* DataAugmentation parameter json_schema_str: label */
  N_("JSON schema"),
  /* DataAugmentation parameter json_schema_str: description */
  N_("Schema of the records, as JSON text"),
  /* DataAugmentation parameter json_schema_type: label */
  N_("Data format"),
  /* DataAugmentation parameter json_schema_type: description */
  N_("Record format: “Alpaca”, “sharegpt”, “openai” or “customize” (your own schema)"),
  /* DataAugmentation parameter json_schema: label */
  N_("Custom schema"),
  /* DataAugmentation parameter json_schema: description */
  N_("Schema of your own records, for “customize”"),
  /* DataAugmentation parameter use_document_count: label */
  N_("Chunks used"),
  /* DataAugmentation parameter use_document_count: description */
  N_("Number of chunks to generate from"),
  /* DataAugmentation parameter categories: label */
  N_("Categories"),
  /* DataAugmentation parameter categories: description */
  N_("Categories of the generated data"),
  /* DataAugmentation parameter keyword_count: label */
  N_("Keywords"),
  /* DataAugmentation parameter keyword_count: description */
  N_("Number of keywords per record"),
  /* DataAugmentation parameter style_prompt: label */
  N_("Style"),
  /* DataAugmentation parameter style_prompt: description */
  N_("Style instructions for the generated text"),
  /* StructedExtraction: label */
  N_("Structured Extraction"),
  /* StructedExtraction: description */
  N_("Extracts fields described by a JSON schema with a language model"),
  /* StructedExtraction input documents: label */
  N_("Documents"),
  /* StructedExtraction input documents: description */
  N_("Documents or files to extract from"),
  /* StructedExtraction output documents: label */
  N_("Documents"),
  /* StructedExtraction output documents: description */
  N_("The resulting documents"),
  /* StructedExtraction parameter model: label */
  N_("Model"),
  /* StructedExtraction parameter model: description */
  N_("Language model"),
  /* StructedExtraction parameter json_schema: label */
  N_("JSON schema"),
  /* StructedExtraction parameter json_schema: description */
  N_("Fields to extract"),
  /* StructedExtraction parameter model_type: label */
  N_("Model type"),
  /* StructedExtraction parameter model_type: description */
  N_("Kind of model service"),
  /* ImageGenerateQA: label */
  N_("Image Q&A Generator"),
  /* ImageGenerateQA: description */
  N_("Generates question-answer pairs from image documents"),
  /* ImageGenerateQA input documents: label */
  N_("Documents"),
  /* ImageGenerateQA input documents: description */
  N_("The documents to process"),
  /* ImageGenerateQA input system_prompt: label */
  N_("System prompt"),
  /* ImageGenerateQA input system_prompt: description */
  N_("Overrides the system prompt"),
  /* ImageGenerateQA input user_prompt: label */
  N_("User prompt"),
  /* ImageGenerateQA input user_prompt: description */
  N_("Overrides the user prompt"),
  /* ImageGenerateQA input generation_kwargs: label */
  N_("Generation options"),
  /* ImageGenerateQA input generation_kwargs: description */
  N_("Overrides the generation options"),
  /* ImageGenerateQA output documents: label */
  N_("Documents"),
  /* ImageGenerateQA output documents: description */
  N_("The resulting documents"),
  /* ImageGenerateQA parameter api_key: label */
  N_("API key"),
  /* ImageGenerateQA parameter api_key: description */
  N_("Key of the model service"),
  /* ImageGenerateQA parameter model: label */
  N_("Model"),
  /* ImageGenerateQA parameter model: description */
  N_("Vision model"),
  /* ImageGenerateQA parameter api_base_url: label */
  N_("Service URL"),
  /* ImageGenerateQA parameter api_base_url: description */
  N_("Base URL of the model service"),
  /* ImageGenerateQA parameter system_prompt: label */
  N_("System prompt"),
  /* ImageGenerateQA parameter system_prompt: description */
  N_("Instructions for the model"),
  /* ImageGenerateQA parameter user_prompt: label */
  N_("User prompt"),
  /* ImageGenerateQA parameter user_prompt: description */
  N_("Request sent with each image"),
  /* ImageGenerateQA parameter generation_kwargs: label */
  N_("Generation options"),
  /* ImageGenerateQA parameter generation_kwargs: description */
  N_("Extra model options, such as temperature"),
  /* GenerateImageContentByLLM: label */
  N_("Image Content Generator"),
  /* GenerateImageContentByLLM: description */
  N_("Generates structured content from images with a vision model"),
  /* GenerateImageContentByLLM input documents: label */
  N_("Documents"),
  /* GenerateImageContentByLLM input documents: description */
  N_("The documents to process"),
  /* GenerateImageContentByLLM input system_prompt: label */
  N_("System prompt"),
  /* GenerateImageContentByLLM input system_prompt: description */
  N_("Overrides the system prompt"),
  /* GenerateImageContentByLLM input user_prompt: label */
  N_("User prompt"),
  /* GenerateImageContentByLLM input user_prompt: description */
  N_("Overrides the user prompt"),
  /* GenerateImageContentByLLM input generation_kwargs: label */
  N_("Generation options"),
  /* GenerateImageContentByLLM input generation_kwargs: description */
  N_("Overrides the generation options"),
  /* GenerateImageContentByLLM output documents: label */
  N_("Documents"),
  /* GenerateImageContentByLLM output documents: description */
  N_("The resulting documents"),
  /* GenerateImageContentByLLM parameter api_key: label */
  N_("API key"),
  /* GenerateImageContentByLLM parameter api_key: description */
  N_("Key of the model service"),
  /* GenerateImageContentByLLM parameter model: label */
  N_("Model"),
  /* GenerateImageContentByLLM parameter model: description */
  N_("Vision model"),
  /* GenerateImageContentByLLM parameter api_base_url: label */
  N_("Service URL"),
  /* GenerateImageContentByLLM parameter api_base_url: description */
  N_("Base URL of the model service"),
  /* GenerateImageContentByLLM parameter system_prompt: label */
  N_("System prompt"),
  /* GenerateImageContentByLLM parameter system_prompt: description */
  N_("Instructions for the model"),
  /* GenerateImageContentByLLM parameter user_prompt: label */
  N_("User prompt"),
  /* GenerateImageContentByLLM parameter user_prompt: description */
  N_("Request sent with each image"),
  /* GenerateImageContentByLLM parameter generation_kwargs: label */
  N_("Generation options"),
  /* GenerateImageContentByLLM parameter generation_kwargs: description */
  N_("Extra model options, such as temperature"),
  /* OutputGenerator: label */
  N_("Output Generator"),
  /* OutputGenerator: description */
  N_("Generates the final answer with a chat completion model"),
  /* OutputGenerator input messages: label */
  N_("Messages"),
  /* OutputGenerator input messages: description */
  N_("The chat messages"),
  /* OutputGenerator input generation_kwargs: label */
  N_("Generation options"),
  /* OutputGenerator input generation_kwargs: description */
  N_("Overrides the generation options"),
  /* OutputGenerator output replies: label */
  N_("Replies"),
  /* OutputGenerator output replies: description */
  N_("The generated replies"),
  /* OutputGenerator output stream: label */
  N_("Stream"),
  /* OutputGenerator output stream: description */
  N_("The reply as it is generated"),
  /* OutputGenerator parameter llm_endpoint: label */
  N_("Service URL"),
  /* OutputGenerator parameter llm_endpoint: description */
  N_("Address of the chat completion service"),
  /* OutputGenerator parameter api_key: label */
  N_("API key"),
  /* OutputGenerator parameter api_key: description */
  N_("Where the API key comes from"),
  /* OutputGenerator parameter model: label */
  N_("Model"),
  /* OutputGenerator parameter model: description */
  N_("Chat model"),
  /* OutputGenerator parameter streaming: label */
  N_("Streaming"),
  /* OutputGenerator parameter streaming: description */
  N_("Stream the reply as it is generated"),
  /* OutputGenerator parameter max_retries: label */
  N_("Retries"),
  /* OutputGenerator parameter max_retries: description */
  N_("Number of retries of a failed request"),
  /* OutputGenerator parameter generation_kwargs: label */
  N_("Generation options"),
  /* OutputGenerator parameter generation_kwargs: description */
  N_("Extra model options, such as temperature"),
  /* PythonExecutor: label */
  N_("Python Code"),
  /* PythonExecutor: description */
  N_("Runs Python code that reads and changes the list “documents”"),
  /* PythonExecutor input python_code: label */
  N_("Code"),
  /* PythonExecutor input python_code: description */
  N_("Overrides the code"),
  /* PythonExecutor input timeout: label */
  N_("Timeout"),
  /* PythonExecutor input timeout: description */
  N_("Overrides the timeout"),
  /* PythonExecutor input documents: label */
  N_("Documents"),
  /* PythonExecutor input documents: description */
  N_("The documents to process"),
  /* PythonExecutor output documents: label */
  N_("Documents"),
  /* PythonExecutor output documents: description */
  N_("The resulting documents"),
  /* PythonExecutor output python_output: label */
  N_("Output"),
  /* PythonExecutor output python_output: description */
  N_("What the code printed"),
  /* PythonExecutor output python_error_output: label */
  N_("Errors"),
  /* PythonExecutor output python_error_output: description */
  N_("Error messages the code printed"),
  /* PythonExecutor parameter python_code: label */
  N_("Code"),
  /* PythonExecutor parameter python_code: description */
  N_("Python code to run"),
  /* PythonExecutor parameter timeout: label */
  N_("Timeout"),
  /* PythonExecutor parameter timeout: description */
  N_("Longest run time, in seconds"),
  /* PythonExecutor parameter return_error: label */
  N_("Return errors"),
  /* PythonExecutor parameter return_error: description */
  N_("Pass errors on instead of failing"),
  /* CustomLangfuseConnector: label */
  N_("Langfuse Tracing"),
  /* CustomLangfuseConnector: description */
  N_("Records each run in Langfuse; needs no connections"),
  /* CustomLangfuseConnector input invocation_context: label */
  N_("Context"),
  /* CustomLangfuseConnector input invocation_context: description */
  N_("Extra information for the trace"),
  /* CustomLangfuseConnector output name: label */
  N_("Name"),
  /* CustomLangfuseConnector output name: description */
  N_("Name of the trace"),
  /* CustomLangfuseConnector output trace_url: label */
  N_("Trace URL"),
  /* CustomLangfuseConnector output trace_url: description */
  N_("Address of the trace"),
  /* CustomLangfuseConnector parameter name: label */
  N_("Trace name"),
  /* CustomLangfuseConnector parameter name: description */
  N_("Name of the trace"),
  /* CustomLangfuseConnector parameter public: label */
  N_("Public"),
  /* CustomLangfuseConnector parameter public: description */
  N_("Make the trace public"),
  /* MOCRetriever: label */
  N_("Knowledge Base Search (MOC)"),
  /* MOCRetriever: description */
  N_("Searches a MatrixOne knowledge base by vector similarity"),
  /* MOCRetriever input query_text: label */
  N_("Query"),
  /* MOCRetriever input query_text: description */
  N_("Text to search for"),
  /* MOCRetriever input mo_knowledge_url: label */
  N_("Knowledge base URL"),
  /* MOCRetriever input mo_knowledge_url: description */
  N_("Overrides the knowledge base"),
  /* MOCRetriever input filters: label */
  N_("Filters"),
  /* MOCRetriever input filters: description */
  N_("Overrides the filters"),
  /* MOCRetriever input top_k: label */
  N_("Number of results"),
  /* MOCRetriever input top_k: description */
  N_("Overrides the number of results"),
  /* MOCRetriever input scale_score: label */
  N_("Scale scores"),
  /* MOCRetriever input scale_score: description */
  N_("Overrides score scaling"),
  /* MOCRetriever input return_embedding: label */
  N_("Return embeddings"),
  /* MOCRetriever input return_embedding: description */
  N_("Overrides returning embeddings"),
  /* MOCRetriever input user_id: label */
  N_("User"),
  /* MOCRetriever input user_id: description */
  N_("Overrides the user"),
  /* MOCRetriever output system_chat_query: label */
  N_("Documents"),
  /* MOCRetriever output system_chat_query: description */
  N_("The documents found"),
  /* MOCRetriever output user_chat_query: label */
  N_("Query"),
  /* MOCRetriever output user_chat_query: description */
  N_("The query, passed on"),
  /* MOCRetriever parameter mo_knowledge_url: label */
  N_("Knowledge base URL"),
  /* MOCRetriever parameter mo_knowledge_url: description */
  N_("Address of the knowledge base"),
  /* MOCRetriever parameter user_id: label */
  N_("User"),
  /* MOCRetriever parameter user_id: description */
  N_("User whose knowledge base is searched"),
  /* MOCRetriever parameter filters: label */
  N_("Filters"),
  /* MOCRetriever parameter filters: description */
  N_("Metadata filters"),
  /* MOCRetriever parameter top_k: label */
  N_("Number of results"),
  /* MOCRetriever parameter top_k: description */
  N_("How many of the closest documents to return"),
  /* MOCRetriever parameter scale_score: label */
  N_("Scale scores"),
  /* MOCRetriever parameter scale_score: description */
  N_("Scale scores to the range 0 to 1"),
  /* MOCRetriever parameter return_embedding: label */
  N_("Return embeddings"),
  /* MOCRetriever parameter return_embedding: description */
  N_("Include the embeddings in the results"),
  /* StartComponent: label */
  N_("Start"),
  /* StartComponent: description */
  N_("Starts a chat workflow; passes the query on"),
  /* StartComponent input start_query: label */
  N_("Query"),
  /* StartComponent input start_query: description */
  N_("The user query"),
  /* StartComponent output user_chat_query: label */
  N_("Query"),
  /* StartComponent output user_chat_query: description */
  N_("The user query"),
  /* StartComponent parameter variables: label */
  N_("Variables"),
  /* StartComponent parameter variables: description */
  N_("Names of the workflow variables"),
};
