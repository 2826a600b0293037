//! What changed in a PDF after a signature: the revision the signature covers compared with the
//! final file, object by object.
//!
//! The design follows the one pyHanko documents for its difference analysis: every object that
//! differs between the signed revision and the final file is a modification unless a whitelisting
//! rule accepts it. The rules accept exactly what a later signer adds — its signature dictionary,
//! field, widget and appearance, the AcroForm's `/Fields` and `/SigFlags`, the page's `/Annots`
//! growing by that widget, a DSS, and the cross-reference bookkeeping — and nothing else. Each
//! modification is then named by what the object is for the reader of the report (a page's
//! content, an annotation, an attachment…), found by walking both documents from their catalog.
//!
//! The changes allowed after a signature, one table (the README repeats it):
//!
//! | change in a later revision | allowed | rule |
//! | --- | --- | --- |
//! | DSS (and VRI) added or grown, catalog `/Extensions`; certificates, CRLs, OCSP responses no longer needed removed | always | `Map::dss`, `Analysis::catalog`, `Analysis::validation_data` |
//! | a VRI entry removed or replaced, keys PAdES does not define added to the DSS | never (`ValidationDataRemoved`) | `Analysis::validation_data` |
//! | an object the signed revision refers to from outside the DSS (its trailer included) rewritten as validation data | never | `Analysis::only_validation_data` |
//! | a new signature or document timestamp: its dictionary, field, widget, appearance, `/Fields`, `/SigFlags`, `/Annots` | always (a later signature after a DocMDP P=1 certification is a modification, `verify.rs`) | `new_signature_objects` |
//! | an empty signature field filled, its placeholder appearance rewritten or replaced | when nothing else in the signed revision refers to that appearance (else `SharedAppearance`) | `new_signature_objects` |
//! | fonts added to the form's `/DR`, existing entries unchanged | beside a later signature | `grown_form_resources` |
//! | higher `/Version`, uncompressed XMP packet, `/Info` text re-encoded | beside a later signature | `Analysis::catalog`, `is_xmp_packet`, `same_text` |
//! | a value written again in another form (`612.0` for `612`) | always | `same_value` |
//! | an object added under a number the signed revision referred to without holding it | never (`DanglingReferenceFilled`) | `Analysis::added` |
//! | a form field filled in, an annotation added, changed or removed | never intact; after a certification permitting it (P=2 form filling, P=3 annotations too) and outside FieldMDP locks, *modified within the permitted limits* | `verify.rs` (`accept_permitted_changes`) |
//! | anything else | never | `Modification` |

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::display::escape_control_characters;
use crate::pdf_text::decode_text_string;

/// Name trees and page trees are a few levels deep in real files; deeper ones are hostile.
const MAX_TREE_DEPTH: usize = 64;

/// One change made to the document after a signature, that no whitelisting rule accepts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modification {
    /// A page's content streams were replaced or edited.
    PageContent {
        page: usize,
    },
    /// A page's fonts, images or other resources were replaced.
    PageResources {
        page: usize,
    },
    /// Another entry of a page dictionary (`/MediaBox`, `/Rotate`…) changed.
    PageEntry {
        page: usize,
        key: String,
    },
    PageAdded {
        page: usize,
    },
    PageRemoved {
        page: usize,
    },
    /// The page tree itself (its intermediate nodes) changed.
    PageTree,
    AnnotationAdded {
        page: usize,
    },
    AnnotationRemoved {
        page: usize,
    },
    AnnotationChanged {
        page: usize,
    },
    AttachmentAdded {
        name: String,
    },
    AttachmentReplaced {
        name: String,
    },
    AttachmentRemoved {
        name: String,
    },
    /// A form field other than a new signature field was added or changed.
    FormField {
        name: String,
    },
    /// The AcroForm dictionary changed beyond its `/Fields` and `/SigFlags`.
    Form {
        key: String,
    },
    /// The signature dictionary or field of this or an earlier signature was rewritten.
    SignatureChanged {
        field: String,
    },
    /// An entry of the document catalog changed (`/OpenAction`, `/Names`, `/Outlines`…).
    CatalogEntry {
        key: String,
    },
    /// The trailer now names another catalog.
    CatalogReplaced,
    /// The document information dictionary or the XMP metadata changed.
    Metadata,
    /// The bookmarks changed.
    Outline,
    /// The document was encrypted after signing.
    Encryption,
    ObjectAdded {
        number: u32,
    },
    ObjectChanged {
        number: u32,
    },
    ObjectRemoved {
        number: u32,
    },
    /// Bytes were appended after the last complete revision: no cross-reference section makes
    /// them part of the document, but a viewer that repairs files may still show them.
    TrailingBytes {
        bytes: usize,
    },
    /// The cross-reference data of the final file had to be repaired to be read: what a viewer
    /// shows then depends on how it repairs it.
    RepairedStructure,
    /// A signature was added after a certification that permits no change (DocMDP P=1), after
    /// which only validation data and document timestamps may follow (ISO 32000-2 §12.8.2.2).
    SignedDespiteCertification {
        field: String,
    },
    /// A later signer filled an empty signature field and, doing so, rewrote or replaced an
    /// appearance that another part of the signed revision also uses: what that other part
    /// shows may have changed with it.
    SharedAppearance {
        field: String,
    },
    /// Validation data already in the document security store for a signature (a `/VRI`
    /// entry) was removed or replaced, or the store gained entries it does not define: PAdES
    /// lets later revisions add validation data, not take it back.
    ValidationDataRemoved,
    /// An object was added under a number the signed revision already referred to, where it
    /// found nothing: the signed document's meaning changes without any of its objects being
    /// rewritten.
    DanglingReferenceFilled {
        number: u32,
    },
}

impl Modification {
    /// The modification in the buyer's words, in French.
    pub fn french(&self) -> String {
        use Modification as M;
        match self {
            M::PageContent { page } => format!("page {page} : contenu remplacé"),
            M::PageResources { page } => {
                format!("page {page} : ressources modifiées (polices, images)")
            }
            M::PageEntry { page, key } => format!("page {page} : propriété /{key} modifiée"),
            M::PageAdded { page } => format!("page {page} ajoutée"),
            M::PageRemoved { page } => format!("page {page} supprimée"),
            M::PageTree => "arborescence des pages modifiée".to_owned(),
            M::AnnotationAdded { page } => format!("annotation ajoutée en page {page}"),
            M::AnnotationRemoved { page } => format!("annotation supprimée en page {page}"),
            M::AnnotationChanged { page } => format!("annotation modifiée en page {page}"),
            M::AttachmentAdded { name } => format!("pièce jointe {name} ajoutée"),
            M::AttachmentReplaced { name } => format!("pièce jointe {name} remplacée"),
            M::AttachmentRemoved { name } => format!("pièce jointe {name} supprimée"),
            M::FormField { name } => format!("champ de formulaire {name} ajouté ou modifié"),
            M::Form { key } => format!("formulaire : propriété /{key} modifiée"),
            M::SignatureChanged { field } => format!("signature {field} réécrite"),
            M::CatalogEntry { key } => format!("catalogue du document : /{key} modifié"),
            M::CatalogReplaced => "catalogue du document remplacé".to_owned(),
            M::Metadata => "métadonnées du document modifiées".to_owned(),
            M::Outline => "signets modifiés".to_owned(),
            M::Encryption => "document chiffré après signature".to_owned(),
            M::ObjectAdded { number } => format!("objet {number} ajouté"),
            M::ObjectChanged { number } => format!("objet {number} modifié"),
            M::ObjectRemoved { number } => format!("objet {number} supprimé"),
            M::TrailingBytes { bytes } => {
                format!("{bytes} octets ajoutés en fin de fichier hors de toute révision")
            }
            M::RepairedStructure => {
                "table des objets réparée à la lecture : le fichier ne se lit pas tel qu'il a été \
                 écrit"
                    .to_owned()
            }
            M::SignedDespiteCertification { field } => format!(
                "signature {field} ajoutée alors que la certification n'autorise aucune \
                 modification (DocMDP P=1)"
            ),
            M::SharedAppearance { field } => format!(
                "apparence de la signature {field} remplacée alors qu'une autre partie du \
                 document l'utilise aussi"
            ),
            M::ValidationDataRemoved => {
                "données de validation d'une signature (DSS) retirées ou remplacées".to_owned()
            }
            M::DanglingReferenceFilled { number } => format!(
                "objet {number} ajouté alors que la version signée y renvoyait déjà (sans le \
                 contenir)"
            ),
        }
    }

    /// The same modification in English.
    pub fn english(&self) -> String {
        use Modification as M;
        match self {
            M::PageContent { page } => format!("page {page}: content replaced"),
            M::PageResources { page } => format!("page {page}: resources changed (fonts, images)"),
            M::PageEntry { page, key } => format!("page {page}: /{key} changed"),
            M::PageAdded { page } => format!("page {page} added"),
            M::PageRemoved { page } => format!("page {page} removed"),
            M::PageTree => "page tree changed".to_owned(),
            M::AnnotationAdded { page } => format!("annotation added on page {page}"),
            M::AnnotationRemoved { page } => format!("annotation removed from page {page}"),
            M::AnnotationChanged { page } => format!("annotation changed on page {page}"),
            M::AttachmentAdded { name } => format!("attachment {name} added"),
            M::AttachmentReplaced { name } => format!("attachment {name} replaced"),
            M::AttachmentRemoved { name } => format!("attachment {name} removed"),
            M::FormField { name } => format!("form field {name} added or changed"),
            M::Form { key } => format!("form: /{key} changed"),
            M::SignatureChanged { field } => format!("signature {field} rewritten"),
            M::CatalogEntry { key } => format!("document catalog: /{key} changed"),
            M::CatalogReplaced => "document catalog replaced".to_owned(),
            M::Metadata => "document metadata changed".to_owned(),
            M::Outline => "bookmarks changed".to_owned(),
            M::Encryption => "document encrypted after signing".to_owned(),
            M::ObjectAdded { number } => format!("object {number} added"),
            M::ObjectChanged { number } => format!("object {number} changed"),
            M::ObjectRemoved { number } => format!("object {number} removed"),
            M::TrailingBytes { bytes } => {
                format!("{bytes} bytes appended at the end of the file outside any revision")
            }
            M::RepairedStructure => {
                "cross-reference data repaired on reading: the file does not read as written"
                    .to_owned()
            }
            M::SignedDespiteCertification { field } => format!(
                "signature {field} added although the certification permits no change \
                 (DocMDP P=1)"
            ),
            M::SharedAppearance { field } => format!(
                "appearance of signature {field} replaced although another part of the \
                 document uses it too"
            ),
            M::ValidationDataRemoved => {
                "validation data of a signature (DSS) removed or replaced".to_owned()
            }
            M::DanglingReferenceFilled { number } => format!(
                "object {number} added although the signed version already referred to it \
                 (without holding it)"
            ),
        }
    }

    /// A stable machine-readable name, for the JSON output.
    pub fn code(&self) -> &'static str {
        use Modification as M;
        match self {
            M::PageContent { .. } => "page_content",
            M::PageResources { .. } => "page_resources",
            M::PageEntry { .. } => "page_entry",
            M::PageAdded { .. } => "page_added",
            M::PageRemoved { .. } => "page_removed",
            M::PageTree => "page_tree",
            M::AnnotationAdded { .. } => "annotation_added",
            M::AnnotationRemoved { .. } => "annotation_removed",
            M::AnnotationChanged { .. } => "annotation_changed",
            M::AttachmentAdded { .. } => "attachment_added",
            M::AttachmentReplaced { .. } => "attachment_replaced",
            M::AttachmentRemoved { .. } => "attachment_removed",
            M::FormField { .. } => "form_field",
            M::Form { .. } => "form",
            M::SignatureChanged { .. } => "signature_changed",
            M::CatalogEntry { .. } => "catalog_entry",
            M::CatalogReplaced => "catalog_replaced",
            M::Metadata => "metadata",
            M::Outline => "outline",
            M::Encryption => "encryption",
            M::ObjectAdded { .. } => "object_added",
            M::ObjectChanged { .. } => "object_changed",
            M::ObjectRemoved { .. } => "object_removed",
            M::TrailingBytes { .. } => "trailing_bytes",
            M::RepairedStructure => "repaired_structure",
            M::SignedDespiteCertification { .. } => "signed_despite_certification",
            M::SharedAppearance { .. } => "shared_appearance",
            M::ValidationDataRemoved => "validation_data_removed",
            M::DanglingReferenceFilled { .. } => "dangling_reference_filled",
        }
    }

    /// The attachment this modification touches, if any.
    pub fn attachment(&self) -> Option<&str> {
        match self {
            Modification::AttachmentAdded { name }
            | Modification::AttachmentReplaced { name }
            | Modification::AttachmentRemoved { name } => Some(name),
            _ => None,
        }
    }
}

impl fmt::Display for Modification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.french())
    }
}

/// What an object is for, as the reader of the document would name it.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Catalog,
    Info,
    Metadata,
    Form,
    FormFields,
    SignatureField(String),
    SignatureValue(String),
    Field(String),
    PageTree,
    Page(usize),
    PageAnnotations(usize),
    PageContent(usize),
    PageResource(usize),
    Annotation(usize),
    /// The catalog's `/Names` dictionary.
    Names,
    /// A node of the embedded files' name tree.
    NameTree,
    Attachment(String),
    Outline,
    Dss,
    Other,
}

/// The roles of every object reachable from a document's catalog, and what the semantic
/// comparisons need besides.
struct Map {
    roles: HashMap<ObjectId, Role>,
    pages: Vec<ObjectId>,
    /// Attachment name → the objects that make it up (file specification, embedded stream).
    attachments: BTreeMap<String, Vec<ObjectId>>,
    /// Objects reachable from the trailer: an unreachable object cannot show.
    reachable: HashSet<ObjectId>,
    dss: HashSet<ObjectId>,
    /// Objects that make up the appearance of a form field other than a signature (reachable
    /// from its `/AP`), with the field's name: filling the field rewrites them.
    field_appearances: HashMap<ObjectId, String>,
    /// Objects reachable from some page's resources: a change to one shows on that page,
    /// whatever else also uses it.
    page_resources: HashSet<ObjectId>,
}

impl Map {
    fn role(&self, id: ObjectId) -> Option<&Role> {
        self.roles.get(&id)
    }

    fn assign(&mut self, id: ObjectId, role: Role) {
        self.roles.entry(id).or_insert(role);
    }

    fn build(document: &Document) -> Map {
        let mut map = Map {
            roles: HashMap::new(),
            pages: Vec::new(),
            attachments: BTreeMap::new(),
            reachable: HashSet::new(),
            dss: HashSet::new(),
            field_appearances: HashMap::new(),
            page_resources: HashSet::new(),
        };
        let catalog_id = document
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .ok();
        let catalog = catalog_id.and_then(|id| document.get_dictionary(id).ok());
        if let Some(id) = catalog_id {
            map.assign(id, Role::Catalog);
        }
        if let Ok(id) = document.trailer.get(b"Info").and_then(Object::as_reference) {
            map.assign(id, Role::Info);
        }
        if let Some(catalog) = catalog {
            map.form(document, catalog);
            if let Ok(pages) = catalog.get(b"Pages") {
                let mut visited = HashSet::new();
                map.page_tree(document, pages, 0, &mut visited);
            }
            map.annotations_and_resources(document);
            map.names(document, catalog);
            if let Ok(id) = catalog.get(b"Metadata").and_then(Object::as_reference) {
                map.assign(id, Role::Metadata);
            }
            if let Ok(outlines) = catalog.get(b"Outlines") {
                for id in reachable_from(document, [outlines]) {
                    map.assign(id, Role::Outline);
                }
            }
            if let Ok(dss) = catalog.get(b"DSS") {
                map.dss = reachable_from(document, [dss]);
                if let Ok(id) = dss.as_reference() {
                    map.dss.insert(id);
                }
                for id in map.dss.clone() {
                    map.assign(id, Role::Dss);
                }
            }
        }
        // Every trailer entry counts, not only /Root, /Info and /Encrypt: an object a tool keeps
        // under a key of its own (LibreOffice's /AdditionalStreams, or a hostile /FooBar) is
        // part of the document, and rewriting it is a change.
        let roots: Vec<&Object> = document.trailer.iter().map(|(_, value)| value).collect();
        map.reachable = reachable_from(document, roots);
        for id in map.reachable.clone() {
            map.assign(id, Role::Other);
        }
        map
    }

    fn form(&mut self, document: &Document, catalog: &Dictionary) {
        let Ok(form_object) = catalog.get(b"AcroForm") else {
            return;
        };
        if let Ok(id) = form_object.as_reference() {
            self.assign(id, Role::Form);
        }
        let Ok((_, form)) = document.dereference(form_object) else {
            return;
        };
        let Ok(form) = form.as_dict() else { return };
        let Ok(fields) = form.get(b"Fields") else {
            return;
        };
        if let Ok(id) = fields.as_reference() {
            self.assign(id, Role::FormFields);
        }
        let Ok((_, Object::Array(fields))) = document.dereference(fields) else {
            return;
        };
        let mut visited = HashSet::new();
        for field in fields {
            self.field(document, field, "", false, 0, &mut visited);
        }
    }

    fn field(
        &mut self,
        document: &Document,
        node: &Object,
        parent: &str,
        parent_is_signature: bool,
        depth: usize,
        visited: &mut HashSet<ObjectId>,
    ) {
        let Ok(id) = node.as_reference() else { return };
        if depth > MAX_TREE_DEPTH || !visited.insert(id) {
            return;
        }
        let Ok(dict) = document.get_dictionary(id) else {
            return;
        };
        let own = dict
            .get(b"T")
            .and_then(Object::as_str)
            .map(decode_text_string)
            .ok();
        let name = match (own, parent.is_empty()) {
            (Some(own), true) => own,
            (Some(own), false) => format!("{parent}.{own}"),
            (None, _) => parent.to_owned(),
        };
        let name = escape_control_characters(&name);
        let is_signature = match dict.get(b"FT").and_then(Object::as_name) {
            Ok(kind) => kind == b"Sig",
            Err(_) => parent_is_signature,
        };
        if is_signature {
            self.assign(id, Role::SignatureField(name.clone()));
            if let Ok(value) = dict.get(b"V").and_then(Object::as_reference) {
                self.assign(value, Role::SignatureValue(name.clone()));
            }
        } else {
            self.assign(id, Role::Field(name.clone()));
            if let Ok(appearance) = dict.get(b"AP") {
                for part in reachable_from(document, [appearance]) {
                    self.field_appearances
                        .entry(part)
                        .or_insert_with(|| name.clone());
                }
            }
        }
        if let Ok((_, Object::Array(kids))) = dict
            .get(b"Kids")
            .and_then(|kids| document.dereference(kids))
        {
            for kid in kids {
                self.field(document, kid, &name, is_signature, depth + 1, visited);
            }
        }
    }

    fn page_tree(
        &mut self,
        document: &Document,
        node: &Object,
        depth: usize,
        visited: &mut HashSet<ObjectId>,
    ) {
        let Ok(id) = node.as_reference() else { return };
        if depth > MAX_TREE_DEPTH || !visited.insert(id) {
            return;
        }
        let Ok(dict) = document.get_dictionary(id) else {
            return;
        };
        let kids = dict
            .get(b"Kids")
            .and_then(|kids| document.dereference(kids))
            .ok()
            .and_then(|(_, kids)| kids.as_array().ok());
        match kids {
            Some(kids) if !dict.has_type(b"Page") => {
                self.assign(id, Role::PageTree);
                for kid in kids {
                    self.page_tree(document, kid, depth + 1, visited);
                }
            }
            _ => {
                self.pages.push(id);
                let number = self.pages.len();
                self.assign(id, Role::Page(number));
                match dict.get(b"Contents") {
                    Ok(Object::Reference(content)) => {
                        self.assign(*content, Role::PageContent(number));
                        if let Ok(Object::Array(parts)) = document.get_object(*content) {
                            for part in parts {
                                if let Ok(part) = part.as_reference() {
                                    self.assign(part, Role::PageContent(number));
                                }
                            }
                        }
                    }
                    Ok(Object::Array(parts)) => {
                        for part in parts {
                            if let Ok(part) = part.as_reference() {
                                self.assign(part, Role::PageContent(number));
                            }
                        }
                    }
                    _ => {}
                }
                if let Ok(annots) = dict.get(b"Annots").and_then(Object::as_reference) {
                    self.assign(annots, Role::PageAnnotations(number));
                }
            }
        }
    }

    /// Annotations and resources come after every page has its number, so that an object shared
    /// by two pages is named after the first.
    fn annotations_and_resources(&mut self, document: &Document) {
        for (index, page_id) in self.pages.clone().into_iter().enumerate() {
            let number = index + 1;
            let Ok(page) = document.get_dictionary(page_id) else {
                continue;
            };
            for annotation in page_annotations(document, page) {
                // A signature widget keeps the role the form gave it.
                self.assign(annotation, Role::Annotation(number));
                if let Ok(annotation) = document.get_dictionary(annotation) {
                    let parts: Vec<&Object> = [b"AP".as_slice(), b"Popup", b"RC"]
                        .iter()
                        .filter_map(|key| annotation.get(key).ok())
                        .collect();
                    for part in reachable_from(document, parts) {
                        self.assign(part, Role::Annotation(number));
                    }
                }
            }
            let resources = page_resources(document, page_id);
            for resource in reachable_from(document, resources) {
                self.assign(resource, Role::PageResource(number));
                self.page_resources.insert(resource);
            }
        }
    }

    fn names(&mut self, document: &Document, catalog: &Dictionary) {
        if let Ok(names) = catalog.get(b"Names") {
            if let Ok(id) = names.as_reference() {
                self.assign(id, Role::Names);
            }
            if let Ok(tree) = document
                .dereference(names)
                .and_then(|(_, names)| names.as_dict())
                .and_then(|names| names.get(b"EmbeddedFiles"))
            {
                let mut entries = Vec::new();
                let mut visited = HashSet::new();
                walk_name_tree(document, tree, 0, &mut visited, &mut entries, &mut |id| {
                    self.roles.entry(id).or_insert(Role::NameTree);
                });
                for (key, spec) in entries {
                    self.attachment(document, escape_control_characters(&key), spec);
                }
            }
        }
        if let Ok((_, Object::Array(specs))) = catalog
            .get(b"AF")
            .and_then(|specs| document.dereference(specs))
        {
            for spec in specs {
                let name = document
                    .dereference(spec)
                    .ok()
                    .and_then(|(_, spec)| spec.as_dict().ok())
                    .and_then(|spec| file_name(document, spec))
                    .unwrap_or_default();
                self.attachment(document, escape_control_characters(&name), spec);
            }
        }
    }

    fn attachment(&mut self, document: &Document, name: String, spec: &Object) {
        let parts = reachable_from(document, [spec]);
        let mut ids: Vec<ObjectId> = parts.into_iter().collect();
        if let Ok(id) = spec.as_reference() {
            ids.push(id);
        }
        ids.sort();
        ids.dedup();
        for id in &ids {
            self.assign(*id, Role::Attachment(name.clone()));
        }
        self.attachments.entry(name).or_default().extend(ids);
    }
}

/// A name tree's `(key, value)` leaves; `on_node` sees every indirect node.
fn walk_name_tree<'a>(
    document: &'a Document,
    node: &'a Object,
    depth: usize,
    visited: &mut HashSet<ObjectId>,
    entries: &mut Vec<(String, &'a Object)>,
    on_node: &mut dyn FnMut(ObjectId),
) {
    if depth > MAX_TREE_DEPTH {
        return;
    }
    if let Ok(id) = node.as_reference() {
        if !visited.insert(id) {
            return;
        }
        on_node(id);
    }
    let Ok((_, Object::Dictionary(dict))) = document.dereference(node) else {
        return;
    };
    if let Ok((_, Object::Array(pairs))) = dict.get(b"Names").and_then(|n| document.dereference(n))
    {
        for pair in pairs.chunks(2) {
            if let [key, value] = pair
                && let Ok(key) = key.as_str()
            {
                entries.push((decode_text_string(key), value));
            }
        }
    }
    if let Ok((_, Object::Array(kids))) = dict.get(b"Kids").and_then(|k| document.dereference(k)) {
        for kid in kids {
            walk_name_tree(document, kid, depth + 1, visited, entries, on_node);
        }
    }
}

fn file_name(document: &Document, spec: &Dictionary) -> Option<String> {
    [b"UF".as_slice(), b"F"].iter().find_map(|key| {
        spec.get(key)
            .and_then(|value| document.dereference(value))
            .ok()
            .and_then(|(_, value)| value.as_str().ok())
            .map(decode_text_string)
    })
}

fn page_annotations(document: &Document, page: &Dictionary) -> Vec<ObjectId> {
    match page.get(b"Annots").and_then(|a| document.dereference(a)) {
        Ok((_, Object::Array(annots))) => annots
            .iter()
            .filter_map(|annot| annot.as_reference().ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// A page's `/Resources`, its own or inherited from the page tree.
fn page_resources(document: &Document, page_id: ObjectId) -> Vec<&Object> {
    let mut node = document.get_dictionary(page_id).ok();
    for _ in 0..MAX_TREE_DEPTH {
        let Some(dict) = node else { break };
        if let Ok(resources) = dict.get(b"Resources") {
            return vec![resources];
        }
        node = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|parent| document.get_dictionary(parent))
            .ok();
    }
    Vec::new()
}

/// Every indirect object reachable from `roots`, each visited once.
fn reachable_from<'a>(
    document: &'a Document,
    roots: impl IntoIterator<Item = &'a Object>,
) -> HashSet<ObjectId> {
    let mut seen = HashSet::new();
    let mut queue: VecDeque<&Object> = roots.into_iter().collect();
    while let Some(object) = queue.pop_front() {
        match object {
            Object::Reference(id) => {
                if seen.insert(*id)
                    && let Some(target) = document.objects.get(id)
                {
                    queue.push_back(target);
                }
            }
            Object::Array(items) => queue.extend(items.iter()),
            Object::Dictionary(dict) => queue.extend(dict.iter().map(|(_, value)| value)),
            Object::Stream(stream) => queue.extend(stream.dict.iter().map(|(_, value)| value)),
            _ => {}
        }
    }
    seen
}

/// Two versions of an object say the same thing (a stream's position in the file aside).
fn same_object(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(a), Object::Stream(b)) => {
            same_dictionary(&a.dict, &b.dict) && a.content == b.content
        }
        _ => same_value(a, b),
    }
}

/// Two values that say the same thing once re-serialised: a number written `612.0` by one
/// writer and `612` by another is the same number (pyHanko's difference analysis agrees).
fn same_value(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Integer(i), Object::Real(r)) | (Object::Real(r), Object::Integer(i)) => {
            r.fract() == 0.0 && f64::from(*r) == *i as f64
        }
        (Object::Array(a), Object::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b))
        }
        (Object::Dictionary(a), Object::Dictionary(b)) => same_dictionary(a, b),
        _ => a == b,
    }
}

fn same_dictionary(a: &Dictionary, b: &Dictionary) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(key, value)| b.get(key).is_ok_and(|other| same_value(value, other)))
}

fn is_bookkeeping(object: &Object) -> bool {
    matches!(object, Object::Stream(stream) if stream.dict.has_type(b"XRef") || stream.dict.has_type(b"ObjStm"))
}

/// An uncompressed XMP packet: what signing tools (pyHanko, Acrobat) rewrite in the revision
/// that adds their signature, to record the modification date. Compressed metadata is not looked
/// into (a deflated stream could be a bomb), so it stays a modification.
fn is_xmp_packet(object: &Object) -> bool {
    const XMP_LIMIT: usize = 1 << 20;
    let Object::Stream(stream) = object else {
        return false;
    };
    !stream.dict.has(b"Filter")
        && stream.content.len() <= XMP_LIMIT
        && stream
            .content
            .windows(b"<x:xmpmeta".len())
            .any(|window| window == b"<x:xmpmeta")
}

/// Two text strings that say the same words, whatever their encodings.
fn same_text(a: &Object, b: &Object) -> bool {
    matches!((a, b), (Object::String(..), Object::String(..)))
        && match (lopdf::decode_text_string(a), lopdf::decode_text_string(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}

/// The PDF version a catalog's `/Version` names (`/2.0` → (2, 0)).
fn pdf_version(catalog: &Dictionary) -> Option<(u32, u32)> {
    let name = catalog.get(b"Version").ok()?.as_name().ok()?;
    let text = std::str::from_utf8(name).ok()?;
    let (major, minor) = text.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

fn key_text(key: &[u8]) -> String {
    escape_control_characters(&String::from_utf8_lossy(key))
}

/// Keys whose values differ between two dictionaries (present in one only included).
fn changed_keys(before: &Dictionary, after: &Dictionary) -> BTreeSet<Vec<u8>> {
    let mut keys = BTreeSet::new();
    for (key, value) in before.iter() {
        if !after.get(key).is_ok_and(|other| same_value(value, other)) {
            keys.insert(key.clone());
        }
    }
    for (key, _) in after.iter() {
        if !before.has(key) {
            keys.insert(key.clone());
        }
    }
    keys
}

/// Every change to the `/Names` dictionary is a modification: JavaScript, destinations, and the
/// embedded files' tree too, even when it still leads to the same files (a restructured tree is
/// how a looping one gets in). Changed attachments are told besides, by name.
fn names_changes(old: &Dictionary, new: &Dictionary, found: &mut BTreeSet<Modification>) {
    for key in changed_keys(old, new) {
        found.insert(Modification::CatalogEntry {
            key: format!("Names/{}", key_text(&key)),
        });
    }
}

fn embedded_files_tree() -> Modification {
    Modification::CatalogEntry {
        key: "Names/EmbeddedFiles".to_owned(),
    }
}

fn references(document: &Document, object: Option<&Object>) -> Vec<ObjectId> {
    match object.and_then(|object| document.dereference(object).ok()) {
        Some((_, Object::Array(items))) => items
            .iter()
            .filter_map(|item| item.as_reference().ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The modifications made to `signed` (the revision a signature covers) that `last` (the final
/// file) holds, once the whitelisted additions of later signers are set aside.
pub(crate) fn modifications(signed: &Document, last: &Document) -> Vec<Modification> {
    let before = Map::build(signed);
    let after = Map::build(last);
    let signed_referrers = referrers_of(signed);
    let later = new_signature_objects(signed, last, &after, &signed_referrers);
    let after_new_signatures = later.objects;
    // Only a later signer explains fonts added to the form's default resources.
    let form_resources = if after_new_signatures.is_empty() {
        None
    } else {
        grown_form_resources(signed, last)
    };
    let analysis = Analysis {
        signed,
        last,
        after_new_signatures,
        form_resources,
        before,
        after,
        signed_referrers,
    };
    let mut found = analysis.run();
    found.extend(
        later
            .shared_appearances
            .into_iter()
            .map(|field| Modification::SharedAppearance { field }),
    );
    found.sort();
    found.dedup();
    found
}

/// The form's default resources (`/DR`), as a document's AcroForm names them.
fn form_resources(document: &Document) -> Option<&Object> {
    let catalog = document.catalog().ok()?;
    let (_, form) = document.dereference(catalog.get(b"AcroForm").ok()?).ok()?;
    form.as_dict().ok()?.get(b"DR").ok()
}

/// When the form's default resources only grew between the two revisions — every resource
/// the signed revision had is still there, unchanged, and new ones (the fonts a later signer's
/// appearance uses) were added beside them — the objects that may differ for it: the `/DR`
/// dictionary and its category dictionaries (`/Font`…) when they are objects of their own, and
/// the objects newly reachable from them. `None` when anything else changed.
fn grown_form_resources(signed: &Document, last: &Document) -> Option<HashSet<ObjectId>> {
    let new = form_resources(last)?;
    let mut allowed = HashSet::new();
    let old = form_resources(signed);
    if !resources_grew(signed, last, old, new, 0, &mut allowed) {
        return None;
    }
    for id in reachable_from(last, [new]) {
        if !signed.objects.contains_key(&id) {
            allowed.insert(id);
        }
    }
    Some(allowed)
}

/// Level 0 is `/DR`, level 1 a category (`/Font`, `/Encoding`…): both may gain entries. Each
/// resource itself (level 2) must be the same object or a new one: a font the page also uses
/// must not change under it.
fn resources_grew(
    signed: &Document,
    last: &Document,
    old: Option<&Object>,
    new: &Object,
    level: usize,
    touched: &mut HashSet<ObjectId>,
) -> bool {
    let resolve = |document: &Document, object: &Object| -> Option<Object> {
        match object {
            Object::Reference(id) => document.objects.get(id).cloned(),
            other => Some(other.clone()),
        }
    };
    let Some(old) = old else {
        return true;
    };
    if level >= 2 {
        return match (resolve(signed, old), resolve(last, new)) {
            (Some(old_value), Some(new_value)) => {
                same_value(old, new) && same_object(&old_value, &new_value)
            }
            _ => false,
        };
    }
    if let Object::Reference(id) = new {
        touched.insert(*id);
    }
    match (resolve(signed, old), resolve(last, new)) {
        (Some(Object::Dictionary(old)), Some(Object::Dictionary(new))) => {
            old.iter().all(|(key, old_value)| {
                new.get(key).is_ok_and(|new_value| {
                    resources_grew(signed, last, Some(old_value), new_value, level + 1, touched)
                })
            })
        }
        _ => false,
    }
}

/// What later signers added: the objects they may add or rewrite, and the fields whose filling
/// touched an appearance something else in the signed revision uses too.
struct LaterSignatures {
    objects: HashSet<ObjectId>,
    shared_appearances: BTreeSet<String>,
}

/// What later signers may add: signature fields and widgets that did not exist in the signed
/// revision (or existed empty), their signature dictionaries, and the appearance streams of
/// their widgets. A signer filling an empty field may also reuse the placeholder appearance the
/// field had — rewrite its stream in place — but only when nothing else in the signed revision
/// refers to that appearance (pyHanko's difference analysis draws the same line): otherwise the
/// rewrite changes what that other object shows, and the field is listed as a shared appearance.
fn new_signature_objects(
    signed: &Document,
    last: &Document,
    after: &Map,
    referrers: &HashMap<ObjectId, HashSet<Referrer>>,
) -> LaterSignatures {
    let mut allowed = HashSet::new();
    let mut shared_appearances = BTreeSet::new();
    for (id, role) in &after.roles {
        let Role::SignatureField(name) = role else {
            continue;
        };
        let Ok(field) = last.get_dictionary(*id) else {
            continue;
        };
        let existed = signed.objects.get(id);
        let filled_later = existed
            .and_then(|object| object.as_dict().ok())
            .filter(|old| !old.has(b"V") && field_changes_only_fill(old, field));
        if existed.is_some() && filled_later.is_none() {
            continue;
        }
        // A new field whose value is an earlier signature's dictionary is no later signature:
        // it only repeats one, as a flood meant to slow the verifier would.
        if field
            .get(b"V")
            .and_then(Object::as_reference)
            .is_ok_and(|value| signed.objects.contains_key(&value))
        {
            continue;
        }
        if existed.is_none() {
            allowed.insert(*id);
        }
        if let Ok(value) = field.get(b"V").and_then(Object::as_reference)
            && !signed.objects.contains_key(&value)
        {
            allowed.insert(value);
        }
        if let Ok(appearance) = field.get(b"AP") {
            for part in reachable_from(last, [appearance]) {
                if !signed.objects.contains_key(&part) {
                    allowed.insert(part);
                }
            }
        }
        let Some(old) = filled_later else {
            continue;
        };
        let Ok(old_appearance) = old.get(b"AP") else {
            continue;
        };
        let placeholder = reachable_from(signed, [old_appearance]);
        // What the filling touched of the placeholder: the appearance dictionary it no longer
        // points to, and every part rewritten in place.
        let mut touched: Vec<ObjectId> = placeholder
            .iter()
            .filter(
                |part| match (signed.objects.get(*part), last.objects.get(*part)) {
                    (Some(before), Some(after)) => !same_object(before, after),
                    _ => true,
                },
            )
            .copied()
            .collect();
        let replaced = !field
            .get(b"AP")
            .is_ok_and(|new_appearance| same_value(old_appearance, new_appearance));
        if let (true, Ok(dictionary)) = (replaced, old_appearance.as_reference()) {
            touched.push(dictionary);
        }
        if touched.is_empty() {
            continue;
        }
        // The appearance dictionary and its state dictionaries lead to what was touched: if
        // anything else refers to one of them, it sees the touched parts too.
        let mut path: Vec<ObjectId> = touched.clone();
        if let Ok(dictionary) = old_appearance.as_reference() {
            path.push(dictionary);
        }
        if let Ok((_, Object::Dictionary(appearance))) = signed.dereference(old_appearance) {
            for (_, state) in appearance.iter() {
                if let Ok(state) = state.as_reference() {
                    path.push(state);
                }
            }
        }
        let shared = path.iter().any(|part| {
            referrers.get(part).is_some_and(|from| {
                from.iter().any(|referrer| match referrer {
                    Referrer::Object(by) => by != id && !placeholder.contains(by),
                    Referrer::Trailer => true,
                })
            })
        });
        if shared {
            shared_appearances.insert(name.clone());
        } else {
            allowed.extend(touched);
        }
    }
    LaterSignatures {
        objects: allowed,
        shared_appearances,
    }
}

/// Where a reference to an object was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Referrer {
    Object(ObjectId),
    Trailer,
}

/// Every object a document refers to, with the objects (or the trailer) that refer to it.
fn referrers_of(document: &Document) -> HashMap<ObjectId, HashSet<Referrer>> {
    let mut found: HashMap<ObjectId, HashSet<Referrer>> = HashMap::new();
    let mut record = |object: &Object, referrer: Referrer| {
        let mut queue: VecDeque<&Object> = VecDeque::from([object]);
        while let Some(object) = queue.pop_front() {
            match object {
                Object::Reference(target) => {
                    found.entry(*target).or_default().insert(referrer);
                }
                Object::Array(items) => queue.extend(items.iter()),
                Object::Dictionary(dict) => queue.extend(dict.iter().map(|(_, value)| value)),
                Object::Stream(stream) => {
                    queue.extend(stream.dict.iter().map(|(_, value)| value));
                }
                _ => {}
            }
        }
    };
    for (id, object) in &document.objects {
        record(object, Referrer::Object(*id));
    }
    for (_, value) in document.trailer.iter() {
        record(value, Referrer::Trailer);
    }
    found
}

/// Filling an empty signature field sets its value and appearance, nothing else.
fn field_changes_only_fill(old: &Dictionary, new: &Dictionary) -> bool {
    changed_keys(old, new)
        .iter()
        .all(|key| matches!(key.as_slice(), b"V" | b"AP" | b"Lock" | b"SV" | b"F"))
}

struct Analysis<'a> {
    signed: &'a Document,
    last: &'a Document,
    before: Map,
    after: Map,
    after_new_signatures: HashSet<ObjectId>,
    /// Set when the form's default resources only grew beside a later signature: the objects
    /// that growth touched or added.
    form_resources: Option<HashSet<ObjectId>>,
    /// Who refers to each object in the signed revision.
    signed_referrers: HashMap<ObjectId, HashSet<Referrer>>,
}

impl Analysis<'_> {
    /// Some part of the signed revision a reader could reach (or its trailer) refers to this
    /// object number.
    fn referred_to_when_signed(&self, id: ObjectId) -> bool {
        self.signed_referrers.get(&id).is_some_and(|from| {
            from.iter().any(|referrer| match referrer {
                Referrer::Object(by) => self.before.reachable.contains(by),
                Referrer::Trailer => true,
            })
        })
    }

    /// The object is, in the signed revision, validation data and nothing else: only the
    /// document security store (or the catalog, for the store itself) refers to it.
    fn only_validation_data(&self, id: ObjectId) -> bool {
        let catalog = self
            .signed
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .ok();
        self.signed_referrers.get(&id).is_none_or(|from| {
            from.iter().all(|referrer| match referrer {
                Referrer::Object(by) => self.before.dss.contains(by) || Some(*by) == catalog,
                Referrer::Trailer => false,
            })
        })
    }

    /// The document security store may grow; the validation data it held for a signature (each
    /// `/VRI` entry) must stay as it was, and it holds nothing but what PAdES defines (pyHanko's
    /// difference analysis draws the same lines). Removing certificates, CRLs or OCSP responses
    /// that became irrelevant is allowed, as PAdES allows it.
    fn validation_data(&self, found: &mut BTreeSet<Modification>) {
        let store = |document: &Document| -> Option<Dictionary> {
            let catalog = document.catalog().ok()?;
            let (_, dss) = document.dereference(catalog.get(b"DSS").ok()?).ok()?;
            dss.as_dict().ok().cloned()
        };
        let Some(new) = store(self.last) else {
            return;
        };
        let unknown_key = new.iter().any(|(key, _)| {
            !matches!(
                key.as_slice(),
                b"Type" | b"VRI" | b"Certs" | b"CRLs" | b"OCSPs"
            )
        });
        let old = store(self.signed);
        let old_unknown = old.as_ref().is_some_and(|old| {
            old.iter().any(|(key, _)| {
                !matches!(
                    key.as_slice(),
                    b"Type" | b"VRI" | b"Certs" | b"CRLs" | b"OCSPs"
                )
            })
        });
        if unknown_key && !old_unknown {
            found.insert(Modification::ValidationDataRemoved);
            return;
        }
        let Some(old) = old else {
            return;
        };
        let entries = |document: &Document, dss: &Dictionary| -> Option<Dictionary> {
            let (_, vri) = document.dereference(dss.get(b"VRI").ok()?).ok()?;
            vri.as_dict().ok().cloned()
        };
        let Some(old_entries) = entries(self.signed, &old) else {
            return;
        };
        let new_entries = entries(self.last, &new).unwrap_or_default();
        let kept = old_entries.iter().all(|(key, old_value)| {
            new_entries.get(key).is_ok_and(|new_value| {
                same_value(old_value, new_value)
                    && match old_value {
                        Object::Reference(id) => {
                            match (self.signed.objects.get(id), self.last.objects.get(id)) {
                                (Some(before), Some(after)) => same_object(before, after),
                                _ => false,
                            }
                        }
                        _ => true,
                    }
            })
        });
        if !kept {
            found.insert(Modification::ValidationDataRemoved);
        }
    }

    /// The field whose appearance this object is part of, when the object is nothing else a
    /// reader sees: an annotation's appearance part or an otherwise unnamed object, never a page
    /// resource (a font the page also uses stays a page's resource).
    fn field_appearance(&self, id: ObjectId) -> Option<&str> {
        let name = self
            .after
            .field_appearances
            .get(&id)
            .or_else(|| self.before.field_appearances.get(&id))?;
        let shown_elsewhere =
            self.after.page_resources.contains(&id) || self.before.page_resources.contains(&id);
        let role = self.after.role(id).or_else(|| self.before.role(id));
        let plain = matches!(
            role,
            None | Some(Role::Annotation(_) | Role::Other | Role::Field(_))
        );
        (plain && !shown_elsewhere).then_some(name.as_str())
    }

    fn is_grown_form_resource(&self, id: ObjectId) -> bool {
        self.form_resources
            .as_ref()
            .is_some_and(|allowed| allowed.contains(&id))
    }

    /// Whether the revisions after the signed one add a signature. Only then is the
    /// bookkeeping of a signing tool accepted beside it — a rewritten XMP packet and a higher
    /// `/Version` — as pyHanko's difference analysis accepts them: without it, every
    /// countersignature made with pyHanko or Acrobat would read as a modified document.
    fn later_signature_added(&self) -> bool {
        !self.after_new_signatures.is_empty()
    }

    fn run(&self) -> Vec<Modification> {
        let mut found = BTreeSet::new();
        self.trailer(&mut found);
        self.validation_data(&mut found);
        let ids: BTreeSet<ObjectId> = self
            .signed
            .objects
            .keys()
            .chain(self.last.objects.keys())
            .copied()
            .collect();
        for id in ids {
            match (self.signed.objects.get(&id), self.last.objects.get(&id)) {
                (Some(old), Some(new)) if same_object(old, new) => {}
                (Some(old), Some(new)) => self.changed(id, old, new, &mut found),
                (None, Some(new)) => self.added(id, new, &mut found),
                (Some(old), None) => self.removed(id, old, &mut found),
                (None, None) => {}
            }
        }
        let (pages_before, pages_after) = (self.before.pages.len(), self.after.pages.len());
        for page in pages_before + 1..=pages_after {
            found.insert(Modification::PageAdded { page });
        }
        for page in pages_after + 1..=pages_before {
            found.insert(Modification::PageRemoved { page });
        }
        self.attachments(&mut found);
        found.into_iter().collect()
    }

    fn trailer(&self, found: &mut BTreeSet<Modification>) {
        let root = |document: &Document| document.trailer.get(b"Root").ok().cloned();
        if root(self.signed) != root(self.last) {
            found.insert(Modification::CatalogReplaced);
        }
        let info = |document: &Document| document.trailer.get(b"Info").ok().cloned();
        if info(self.signed) != info(self.last) && info(self.last).is_some() {
            found.insert(Modification::Metadata);
        }
        if !self.signed.trailer.has(b"Encrypt") && self.last.trailer.has(b"Encrypt") {
            found.insert(Modification::Encryption);
        }
    }

    /// Attachments compared by name and by the objects that make them up: a name that now
    /// leads to other objects, or to changed ones, is a replaced attachment.
    fn attachments(&self, found: &mut BTreeSet<Modification>) {
        for (name, parts) in &self.after.attachments {
            match self.before.attachments.get(name) {
                None => {
                    found.insert(Modification::AttachmentAdded { name: name.clone() });
                }
                Some(old_parts) => {
                    let changed = old_parts != parts
                        || parts.iter().any(|id| {
                            match (self.signed.objects.get(id), self.last.objects.get(id)) {
                                (Some(old), Some(new)) => !same_object(old, new),
                                _ => true,
                            }
                        });
                    if changed {
                        found.insert(Modification::AttachmentReplaced { name: name.clone() });
                    }
                }
            }
        }
        for name in self.before.attachments.keys() {
            if !self.after.attachments.contains_key(name) {
                found.insert(Modification::AttachmentRemoved { name: name.clone() });
            }
        }
    }

    fn added(&self, id: ObjectId, new: &Object, found: &mut BTreeSet<Modification>) {
        // Whatever the new object is for, the signed revision already pointed at its number:
        // before, that reference led nowhere; now it leads here.
        if !is_bookkeeping(new) && self.referred_to_when_signed(id) {
            found.insert(Modification::DanglingReferenceFilled { number: id.0 });
            return;
        }
        if is_bookkeeping(new)
            || self.after_new_signatures.contains(&id)
            || self.is_grown_form_resource(id)
            || !self.after.reachable.contains(&id)
            || self.after.dss.contains(&id)
        {
            return;
        }
        if let Some(name) = self.field_appearance(id) {
            found.insert(Modification::FormField {
                name: name.to_owned(),
            });
            return;
        }
        let modification = match self.after.role(id) {
            Some(Role::Page(page)) => Modification::PageAdded { page: *page },
            Some(Role::PageContent(page)) => Modification::PageContent { page: *page },
            Some(Role::PageAnnotations(page) | Role::Annotation(page)) => {
                Modification::AnnotationAdded { page: *page }
            }
            Some(Role::PageResource(page)) => Modification::PageResources { page: *page },
            Some(Role::Attachment(_)) => return, // told by `attachments`
            Some(Role::NameTree) => embedded_files_tree(),
            Some(Role::Field(name)) => Modification::FormField { name: name.clone() },
            Some(Role::SignatureField(name) | Role::SignatureValue(name)) => {
                Modification::SignatureChanged {
                    field: name.clone(),
                }
            }
            Some(Role::Outline) => Modification::Outline,
            Some(Role::Metadata) if self.later_signature_added() && is_xmp_packet(new) => return,
            Some(Role::Metadata | Role::Info) => Modification::Metadata,
            Some(Role::PageTree) => Modification::PageTree,
            Some(Role::Form) => return self.new_form(id, found),
            Some(Role::FormFields) => {
                return self.fields_list(&[], &references(self.last, Some(new)), found);
            }
            _ => Modification::ObjectAdded { number: id.0 },
        };
        found.insert(modification);
    }

    fn removed(&self, id: ObjectId, old: &Object, found: &mut BTreeSet<Modification>) {
        if is_bookkeeping(old) || !self.before.reachable.contains(&id) {
            return;
        }
        let modification = match self.before.role(id) {
            Some(Role::Page(page)) => Modification::PageRemoved { page: *page },
            Some(Role::PageContent(page)) => Modification::PageContent { page: *page },
            Some(Role::Annotation(page) | Role::PageAnnotations(page)) => {
                Modification::AnnotationRemoved { page: *page }
            }
            Some(Role::PageResource(page)) => Modification::PageResources { page: *page },
            Some(Role::Attachment(_)) => return,
            Some(Role::NameTree) => embedded_files_tree(),
            Some(Role::SignatureField(name) | Role::SignatureValue(name)) => {
                Modification::SignatureChanged {
                    field: name.clone(),
                }
            }
            Some(Role::Field(name)) => Modification::FormField { name: name.clone() },
            _ => Modification::ObjectRemoved { number: id.0 },
        };
        found.insert(modification);
    }

    fn changed(
        &self,
        id: ObjectId,
        old: &Object,
        new: &Object,
        found: &mut BTreeSet<Modification>,
    ) {
        if is_bookkeeping(old) && is_bookkeeping(new) {
            return;
        }
        let was_reachable = self.before.reachable.contains(&id);
        let is_reachable = self.after.reachable.contains(&id);
        if !was_reachable && !is_reachable {
            return;
        }
        if self.after.dss.contains(&id)
            && (self.before.dss.contains(&id) || !was_reachable)
            && self.only_validation_data(id)
        {
            return;
        }
        // A placeholder appearance the later signer rewrote in place, used by nothing else.
        if self.is_grown_form_resource(id) || self.after_new_signatures.contains(&id) {
            return;
        }
        if let Some(name) = self.field_appearance(id) {
            found.insert(Modification::FormField {
                name: name.to_owned(),
            });
            return;
        }
        let role = self.after.role(id).or_else(|| self.before.role(id));
        let modification = match role {
            Some(Role::Catalog) => return self.catalog(old, new, found),
            Some(Role::Form) => return self.form_dict(old.as_dict().ok(), new, found),
            Some(Role::FormFields) => {
                return self.fields_list(
                    &references(self.signed, Some(old)),
                    &references(self.last, Some(new)),
                    found,
                );
            }
            Some(Role::Page(page)) => return self.page(*page, old, new, found),
            Some(Role::Names) => {
                if let (Ok(old), Ok(new)) = (old.as_dict(), new.as_dict()) {
                    return names_changes(old, new, found);
                }
                Modification::CatalogEntry {
                    key: "Names".to_owned(),
                }
            }
            Some(Role::PageAnnotations(page)) => {
                return self.annotation_list(
                    *page,
                    &references(self.signed, Some(old)),
                    &references(self.last, Some(new)),
                    found,
                );
            }
            Some(Role::Info) => {
                // Signing tools refresh the modification date and producer; nothing a reader of
                // the report sees.
                // Some (pyHanko) also write the other entries again in another encoding of the
                // same text (PDFDocEncoding for UTF-16): the same words are no change.
                if let (Ok(old), Ok(new)) = (old.as_dict(), new.as_dict())
                    && changed_keys(old, new).iter().all(|key| {
                        matches!(key.as_slice(), b"ModDate" | b"Producer")
                            || old
                                .get(key)
                                .ok()
                                .zip(new.get(key).ok())
                                .is_some_and(|(a, b)| same_text(a, b))
                    })
                {
                    return;
                }
                Modification::Metadata
            }
            Some(Role::SignatureField(name)) => {
                if self.after_new_signatures.contains(&id)
                    || old
                        .as_dict()
                        .ok()
                        .zip(new.as_dict().ok())
                        .is_some_and(|(old, new)| {
                            !old.has(b"V") && field_changes_only_fill(old, new)
                        })
                {
                    return;
                }
                Modification::SignatureChanged {
                    field: name.clone(),
                }
            }
            Some(Role::SignatureValue(name)) => Modification::SignatureChanged {
                field: name.clone(),
            },
            Some(Role::Field(name)) => Modification::FormField { name: name.clone() },
            Some(Role::PageContent(page)) => Modification::PageContent { page: *page },
            Some(Role::PageResource(page)) => Modification::PageResources { page: *page },
            // An appearance part a page's content also uses (a shared font) shows on the page.
            Some(Role::Annotation(page))
                if self.before.page_resources.contains(&id)
                    || self.after.page_resources.contains(&id) =>
            {
                Modification::PageResources { page: *page }
            }
            Some(Role::Annotation(page)) => Modification::AnnotationChanged { page: *page },
            Some(Role::PageTree) => Modification::PageTree,
            Some(Role::Attachment(_)) => return,
            Some(Role::NameTree) => embedded_files_tree(),
            Some(Role::Outline) => Modification::Outline,
            Some(Role::Metadata) if self.later_signature_added() && is_xmp_packet(new) => return,
            Some(Role::Metadata) => Modification::Metadata,
            Some(Role::Dss | Role::Other) | None => Modification::ObjectChanged { number: id.0 },
        };
        found.insert(modification);
    }

    fn catalog(&self, old: &Object, new: &Object, found: &mut BTreeSet<Modification>) {
        let (Ok(old), Ok(new)) = (old.as_dict(), new.as_dict()) else {
            found.insert(Modification::CatalogReplaced);
            return;
        };
        for key in changed_keys(old, new) {
            match key.as_slice() {
                // A DSS (validation material) and the extensions it declares are what PAdES
                // adds after signing.
                b"DSS" | b"Extensions" => {}
                b"AcroForm" => match (old.get(b"AcroForm").ok(), new.get(b"AcroForm").ok()) {
                    (None, Some(Object::Reference(id))) => self.new_form(*id, found),
                    (None, Some(form @ Object::Dictionary(_))) => self.form_dict(None, form, found),
                    (
                        Some(old_form @ Object::Dictionary(_)),
                        Some(form @ Object::Dictionary(_)),
                    ) => self.form_dict(old_form.as_dict().ok(), form, found),
                    _ => {
                        found.insert(Modification::CatalogEntry {
                            key: key_text(&key),
                        });
                    }
                },
                b"Names" => {
                    let old_names = old.get(b"Names").ok().and_then(|n| n.as_dict().ok());
                    let new_names = new.get(b"Names").ok().and_then(|n| n.as_dict().ok());
                    match (old_names, new_names) {
                        (Some(old_names), Some(new_names)) => {
                            names_changes(old_names, new_names, found);
                        }
                        (None, Some(new_names)) => {
                            names_changes(&Dictionary::new(), new_names, found);
                        }
                        _ => {
                            found.insert(Modification::CatalogEntry {
                                key: key_text(&key),
                            });
                        }
                    }
                }
                // Attachments are compared by name, which tells more than "/AF changed".
                b"AF" => {}
                b"Outlines" => {
                    found.insert(Modification::Outline);
                }
                // The new packet itself is judged where it is added (`added`).
                b"Metadata"
                    if self.later_signature_added()
                        && new
                            .get(b"Metadata")
                            .and_then(Object::as_reference)
                            .is_ok_and(|id| {
                                self.last.objects.get(&id).is_some_and(is_xmp_packet)
                            }) => {}
                b"Metadata" => {
                    found.insert(Modification::Metadata);
                }
                b"Version"
                    if self.later_signature_added()
                        && pdf_version(new).is_some()
                        && pdf_version(new) >= pdf_version(old) => {}
                _ => {
                    found.insert(Modification::CatalogEntry {
                        key: key_text(&key),
                    });
                }
            }
        }
    }

    fn new_form(&self, id: ObjectId, found: &mut BTreeSet<Modification>) {
        match self.last.objects.get(&id) {
            Some(form) => self.form_dict(None, form, found),
            None => {
                found.insert(Modification::Form {
                    key: "AcroForm".to_owned(),
                });
            }
        }
    }

    /// An AcroForm may gain signature fields and `/SigFlags`; any other change is a
    /// modification.
    fn form_dict(
        &self,
        old: Option<&Dictionary>,
        new: &Object,
        found: &mut BTreeSet<Modification>,
    ) {
        let Ok(new) = new.as_dict() else {
            found.insert(Modification::Form {
                key: "AcroForm".to_owned(),
            });
            return;
        };
        let empty = Dictionary::new();
        let old = old.unwrap_or(&empty);
        for key in changed_keys(old, new) {
            match key.as_slice() {
                b"SigFlags" => {}
                b"Fields" => {
                    let old_fields = references(self.signed, old.get(b"Fields").ok());
                    let new_fields = references(self.last, new.get(b"Fields").ok());
                    self.fields_list(&old_fields, &new_fields, found);
                }
                // Form-wide defaults for appearances, which a signer may set when it creates the
                // form; an existing value changed is a modification.
                b"DA" | b"DR" if !old.has(&key) => {}
                // Fonts a later signer's appearance needs, added beside the existing ones.
                b"DR" if self.form_resources.is_some() => {}
                _ => {
                    found.insert(Modification::Form {
                        key: key_text(&key),
                    });
                }
            }
        }
    }

    fn fields_list(&self, old: &[ObjectId], new: &[ObjectId], found: &mut BTreeSet<Modification>) {
        let old_set: HashSet<&ObjectId> = old.iter().collect();
        for id in new.iter().filter(|id| !old_set.contains(id)) {
            if !self.after_new_signatures.contains(id) {
                found.insert(match self.after.role(*id) {
                    Some(Role::SignatureField(name) | Role::Field(name)) => {
                        Modification::FormField { name: name.clone() }
                    }
                    _ => Modification::Form {
                        key: "Fields".to_owned(),
                    },
                });
            }
        }
        let new_set: HashSet<&ObjectId> = new.iter().collect();
        for id in old.iter().filter(|id| !new_set.contains(id)) {
            found.insert(match self.before.role(*id) {
                Some(Role::SignatureField(name)) => Modification::SignatureChanged {
                    field: name.clone(),
                },
                Some(Role::Field(name)) => Modification::FormField { name: name.clone() },
                _ => Modification::Form {
                    key: "Fields".to_owned(),
                },
            });
        }
    }

    fn page(&self, page: usize, old: &Object, new: &Object, found: &mut BTreeSet<Modification>) {
        let (Ok(old), Ok(new)) = (old.as_dict(), new.as_dict()) else {
            found.insert(Modification::PageContent { page });
            return;
        };
        for key in changed_keys(old, new) {
            match key.as_slice() {
                b"Annots" => self.annotation_list(
                    page,
                    &references(self.signed, old.get(b"Annots").ok()),
                    &references(self.last, new.get(b"Annots").ok()),
                    found,
                ),
                b"Contents" => {
                    found.insert(Modification::PageContent { page });
                }
                b"Resources" => {
                    found.insert(Modification::PageResources { page });
                }
                _ => {
                    found.insert(Modification::PageEntry {
                        page,
                        key: key_text(&key),
                    });
                }
            }
        }
    }

    /// A page's annotations may grow by the widgets of new signature fields only.
    fn annotation_list(
        &self,
        page: usize,
        old: &[ObjectId],
        new: &[ObjectId],
        found: &mut BTreeSet<Modification>,
    ) {
        let old_set: HashSet<&ObjectId> = old.iter().collect();
        if new
            .iter()
            .filter(|id| !old_set.contains(id))
            .any(|id| !self.after_new_signatures.contains(id))
        {
            found.insert(Modification::AnnotationAdded { page });
        }
        let new_set: HashSet<&ObjectId> = new.iter().collect();
        if old.iter().any(|id| !new_set.contains(id)) {
            found.insert(Modification::AnnotationRemoved { page });
        }
    }
}
