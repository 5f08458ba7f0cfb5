//! Job titles and departments.
//!
//! A title is a short line (or a `|`/`,`/` - ` separated part of one) made
//! mostly of lexicon words: at least one role word (Engineer, Diretor,
//! Gerente, Geschäftsführer, Directeur, CEO, Shacho …) and otherwise
//! seniority words (Senior, Chief, Head …), subject areas (Sales, Marketing,
//! Negócios …) and connectors (of, de, für …). Sentences and taglines fail
//! the "mostly" test. Departments are parts like "Sales Department",
//! "Departamento Comercial", "Abteilung Vertrieb", "Research & Development".
//!
//! Known misses: titles made of words outside the lexicon ("Chief Happiness
//! Officer" works, "Evangelist" does not), and titles in non-Latin script.

use super::lexicon::{digit_count, fold, looks_like_contact_data, words};
use super::{Claims, Found, Line};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Role words: the head of a title. Folded.
static ROLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        // en
        "engineer",
        "developer",
        "programmer",
        "manager",
        "director",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "cio",
        "cmo",
        "cso",
        "vp",
        "president",
        "founder",
        "cofounder",
        "co-founder",
        "owner",
        "partner",
        "principal",
        "designer",
        "researcher",
        "scientist",
        "analyst",
        "architect",
        "consultant",
        "representative",
        "rep",
        "specialist",
        "coordinator",
        "administrator",
        "officer",
        "supervisor",
        "attorney",
        "lawyer",
        "counsel",
        "accountant",
        "advisor",
        "adviser",
        "agent",
        "broker",
        "realtor",
        "editor",
        "writer",
        "producer",
        "photographer",
        "technician",
        "mechanic",
        "nurse",
        "physician",
        "surgeon",
        "dentist",
        "pharmacist",
        "professor",
        "lecturer",
        "teacher",
        "instructor",
        "trainer",
        "coach",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "treasurer",
        "receptionist",
        "assistant",
        "intern",
        "associate",
        "executive",
        "leader",
        "lead",
        "head",
        "strategist",
        "planner",
        "buyer",
        "recruiter",
        "evangelist",
        "chef",
        "salesman",
        "saleswoman",
        "salesperson",
        "clerk",
        "notary",
        "auditor",
        "controller",
        "inspector",
        "operator",
        "therapist",
        "psychologist",
        "veterinarian",
        "pastor",
        "md",
        "cpa",
        "fellow",
        "postdoc",
        "student",
        "entrepreneur",
        "proprietor",
        "contractor",
        "electrician",
        "plumber",
        "carpenter",
        "stylist",
        // pt
        "diretor",
        "diretora",
        "gerente",
        "consultor",
        "consultora",
        "escrevente",
        "socio",
        "socia",
        "proprietario",
        "proprietaria",
        "vendedor",
        "vendedora",
        "advogado",
        "advogada",
        "engenheiro",
        "engenheira",
        "desenvolvedor",
        "desenvolvedora",
        "analista",
        "arquiteto",
        "arquiteta",
        "coordenador",
        "coordenadora",
        "supervisor",
        "supervisora",
        "presidente",
        "fundador",
        "fundadora",
        "tecnico",
        "representante",
        "assistente",
        "auxiliar",
        "secretaria",
        "contador",
        "contadora",
        "corretor",
        "corretora",
        "medico",
        "medica",
        "dentista",
        "enfermeiro",
        "enfermeira",
        "professor",
        "professora",
        "especialista",
        "executivo",
        "executiva",
        "tabeliao",
        "tabelia",
        "substituto",
        "estagiario",
        "estagiaria",
        "atendente",
        "comprador",
        "compradora",
        "projetista",
        "lider",
        "chefe",
        "encarregado",
        "encarregada",
        "administrador",
        "administradora",
        "psicologo",
        "psicologa",
        "fisioterapeuta",
        "nutricionista",
        "farmaceutico",
        "farmaceutica",
        "veterinario",
        "veterinaria",
        "mecanico",
        "eletricista",
        "motorista",
        "designer",
        "promotor",
        "promotora",
        "vice-presidente",
        "superintendente",
        "titular",
        // es
        "ingeniero",
        "ingeniera",
        "director",
        "directora",
        "asesor",
        "asesora",
        "abogado",
        "abogada",
        "jefe",
        "jefa",
        "vendedor",
        "desarrollador",
        "gerente",
        "contador",
        // de
        "geschaftsfuhrer",
        "geschaftsfuhrerin",
        "geschaeftsfuehrer",
        "leiter",
        "leiterin",
        "ingenieur",
        "ingenieurin",
        "entwickler",
        "entwicklerin",
        "berater",
        "beraterin",
        "vorstand",
        "inhaber",
        "inhaberin",
        "referent",
        "referentin",
        "sachbearbeiter",
        "sachbearbeiterin",
        "vertriebsleiter",
        "prokurist",
        "rechtsanwalt",
        "rechtsanwaltin",
        "steuerberater",
        "mitarbeiter",
        "mitarbeiterin",
        "projektleiter",
        "abteilungsleiter",
        "assistent",
        "assistentin",
        "direktor",
        "direktorin",
        "vorsitzender",
        "teamleiter",
        // fr
        "directeur",
        "directrice",
        "ingenieur",
        "gerant",
        "gerante",
        "responsable",
        "conseiller",
        "conseillere",
        "commercial",
        "commerciale",
        "chef",
        "avocat",
        "avocate",
        "charge",
        "chargee",
        "developpeur",
        "developpeuse",
        "fondateur",
        "fondatrice",
        "president",
        "presidente",
        "adjoint",
        "adjointe",
        "comptable",
        "expert",
        // it
        "direttore",
        "direttrice",
        "ingegnere",
        "responsabile",
        "amministratore",
        "avvocato",
        "consulente",
        // ja (romanised)
        "shacho",
        "shachou",
        "bucho",
        "buchou",
        "kacho",
        "kachou",
        "kakaricho",
        "kakarichou",
        "torishimariyaku",
        "daihyo",
        "daihyou",
        "senmu",
        "jomu",
        "joumu",
        "shunin",
        "jicho",
        "jichou",
        "kaicho",
        "kaichou",
        "fukushacho",
        "tencho",
        "tenchou",
        "kansayaku",
    ]
    .into_iter()
    .collect()
});

/// Seniority and modifier words, and subject areas: allowed around a role.
static MODIFIERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        // seniority (en)
        "senior",
        "sr",
        "junior",
        "jr",
        "chief",
        "head",
        "lead",
        "assistant",
        "associate",
        "executive",
        "regional",
        "technical",
        "general",
        "managing",
        "deputy",
        "vice",
        "staff",
        "principal",
        "global",
        "national",
        "international",
        "area",
        "district",
        "group",
        "division",
        "corporate",
        "acting",
        "interim",
        "co",
        "first",
        "second",
        "i",
        "ii",
        "iii",
        "iv",
        "full",
        "stack",
        "full-stack",
        "front",
        "back",
        "front-end",
        "back-end",
        "frontend",
        "backend",
        "certified",
        "licensed",
        "registered",
        "independent",
        "main",
        "new",
        "key",
        "special",
        "country",
        "field",
        "project",
        "program",
        "programme",
        "product",
        "account",
        "accounts",
        "office",
        "store",
        "branch",
        "team",
        "web",
        "internet",
        "online",
        "software",
        "hardware",
        "systems",
        "system",
        "data",
        "network",
        "security",
        "cloud",
        "mobile",
        "solutions",
        "solution",
        "sales",
        "marketing",
        "business",
        "development",
        "operations",
        "finance",
        "financial",
        "human",
        "resources",
        "hr",
        "it",
        "customer",
        "client",
        "service",
        "services",
        "support",
        "success",
        "quality",
        "research",
        "engineering",
        "design",
        "creative",
        "art",
        "legal",
        "communications",
        "public",
        "relations",
        "pr",
        "media",
        "digital",
        "content",
        "brand",
        "strategy",
        "innovation",
        "technology",
        "information",
        "medical",
        "clinical",
        "partner",
        "partnerships",
        "procurement",
        "purchasing",
        "supply",
        "chain",
        "logistics",
        "export",
        "import",
        "property",
        "real",
        "estate",
        "insurance",
        "investment",
        "risk",
        "compliance",
        "audit",
        "tax",
        "training",
        "education",
        "admissions",
        "editorial",
        "graphic",
        "ux",
        "ui",
        "machine",
        "learning",
        "ai",
        "ml",
        "devops",
        "qa",
        "test",
        "platform",
        "infrastructure",
        "application",
        "applications",
        "embedded",
        "electrical",
        "mechanical",
        "civil",
        "chemical",
        "process",
        "manufacturing",
        "production",
        "plant",
        "site",
        "field",
        "member",
        "board",
        "committee",
        "founding",
        "executive",
        "administrative",
        "office",
        // pt / es
        "senior",
        "junior",
        "pleno",
        "executivo",
        "executiva",
        "regional",
        "comercial",
        "administrativo",
        "administrativa",
        "financeiro",
        "financeira",
        "tecnico",
        "tecnica",
        "geral",
        "adjunto",
        "adjunta",
        "autorizado",
        "autorizada",
        "juramentado",
        "vendas",
        "negocios",
        "marketing",
        "projetos",
        "projeto",
        "operacoes",
        "produto",
        "produtos",
        "contas",
        "clientes",
        "atendimento",
        "suporte",
        "qualidade",
        "compras",
        "logistica",
        "recursos",
        "humanos",
        "rh",
        "ti",
        "tecnologia",
        "informacao",
        "sistemas",
        "software",
        "engenharia",
        "obras",
        "manutencao",
        "producao",
        "desenvolvimento",
        "pesquisa",
        "inovacao",
        "estrategia",
        "juridico",
        "juridica",
        "contabil",
        "fiscal",
        "tributario",
        "industrial",
        "operacional",
        "institucional",
        "relacionamento",
        "novos",
        "grandes",
        "corporativo",
        "corporativa",
        "pedagogico",
        "pedagogica",
        "clinico",
        "clinica",
        "responsavel",
        "interno",
        "externo",
        "externa",
        "interna",
        "senior",
        "ventas",
        "proyectos",
        "general",
        "ejecutivo",
        "ejecutiva",
        "tecnologias",
        "informatica",
        // de
        "vertrieb",
        "marketing",
        "technischer",
        "technische",
        "kaufmannischer",
        "kaufmannische",
        "leitender",
        "leitende",
        "stellvertretender",
        "stellvertretende",
        "senior",
        "projekt",
        "personal",
        "einkauf",
        "entwicklung",
        "forschung",
        "it",
        // fr
        "general",
        "generale",
        "adjoint",
        "adjointe",
        "technique",
        "commercial",
        "commerciale",
        "principal",
        "principale",
        "affaires",
        "projet",
        "projets",
        "ventes",
        "clientele",
        "marketing",
        "communication",
        "financier",
        "financiere",
        "ressources",
        "humaines",
        "developpement",
        "recherche",
        "produit",
        "senior",
        "junior",
        "associe",
        "associee",
        // it
        "generale",
        "tecnico",
        "commerciale",
        "vendite",
        "progetto",
        // ja
        "daihyo",
        "daihyou",
        "eigyo",
        "eigyou",
        "gijutsu",
        "kaihatsu",
        "soumu",
        "somu",
        "jinji",
        "keiri",
        "kikaku",
    ]
    .into_iter()
    .collect()
});

/// Words that join title parts.
static CONNECTORS: &[&str] = &[
    "of", "and", "&", "for", "the", "in", "to", "at", "de", "da", "do", "das", "dos", "e", "y",
    "del", "la", "el", "des", "du", "et", "en", "fur", "und", "der", "die", "im", "di", "della",
    "/", "-", "+",
];

/// Department shapes, matched on folded text.
static DEPARTMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(department|dept\.?|division|div\.|departamento|depto\.?|abteilung|departement|
           service|direction|bereich|gerencia|gerência|setor|divisao|divisão|división|division|divisione)\b
        | ^\s*research\s*(&|and)\s*development\s*$
        | ^\s*r\s*&\s*d\s*$
        | -?abteilung\b
        | \b\w+abteilung\b
        ",
    )
    .unwrap()
});

/// Words that make a department phrase a department rather than a title.
static DEPARTMENT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(department|dept\.?|division|departamento|depto\.?|abteilung|departement|div[ií]s[ãa]o|divisi[óo]n|setor|ger[eê]ncia|direction)\b|\b(department|dept\.?|division|abteilung)$|^research\s*(&|and)\s*development$|abteilung$",
    )
    .unwrap()
});

/// Separators between independent parts of one line.
static PARTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:\||•|·|,|;|\s-\s|\s–\s)\s*").unwrap());

/// The best job title on the card; claims its span.
pub(crate) fn find(lines: &[Line], claims: &mut Claims) -> Option<Found<String>> {
    let mut best: Option<Found<String>> = None;
    for line in lines {
        if claims.is_used(line) {
            continue;
        }
        let mut candidates = parts(line, claims);
        // "VP, Business Development": a comma may sit inside one title, so
        // the whole line is a candidate too unless it has hard separators.
        if candidates.len() > 1 && !line.text.contains(['|', '•']) && !claims.is_claimed(line.idx)
        {
            candidates.push((0..line.text.len(), line.text.as_str()));
        }
        for (span, text) in candidates {
            let (span, text) = trim_junk(span, text);
            if DEPARTMENT_HEAD.is_match(text.trim()) {
                continue;
            }
            let Some(score) = title_score(text) else {
                continue;
            };
            let text = &repair_connectors(text);
            let better = best.as_ref().is_none_or(|b| {
                score > b.confidence + 1e-4
                    || ((score - b.confidence).abs() <= 1e-4
                        && text.len() > b.value.len()
                        && b.line == line.idx)
            });
            if better {
                best = Some(Found {
                    value: text.to_string(),
                    line: line.idx,
                    span,
                    confidence: score,
                });
            }
        }
    }
    if let Some(b) = &best {
        claims.claim(b.line, b.span.clone());
    }
    best
}

/// The department, when printed apart from the title; claims its span.
pub(crate) fn find_department(lines: &[Line], claims: &mut Claims) -> Option<Found<String>> {
    for line in lines {
        if claims.is_used(line) {
            continue;
        }
        for (span, text) in parts(line, claims) {
            let t = text.trim();
            if looks_like_contact_data(t) || digit_count(t) > 0 {
                continue;
            }
            let n = words(t).len();
            if !(1..=6).contains(&n) || !DEPARTMENT.is_match(t) {
                continue;
            }
            // "Department of Sales" / "Sales Department": the department word
            // at an end; elsewhere it is prose ("serving every department").
            if !DEPARTMENT_HEAD.is_match(t) {
                continue;
            }
            claims.claim(line.idx, span.clone());
            return Some(Found {
                value: t.to_string(),
                line: line.idx,
                span,
                confidence: 0.8,
            });
        }
    }
    None
}

/// The unclaimed, separator-delimited parts of a line with their byte spans.
fn parts<'a>(line: &'a Line, claims: &Claims) -> Vec<(std::ops::Range<usize>, &'a str)> {
    let text = line.text.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |s: usize, e: usize| {
        let part = &text[s..e];
        let lead = part.len() - part.trim_start().len();
        let part = part.trim();
        if !part.is_empty() {
            out.push((s + lead..s + lead + part.len(), part));
        }
    };
    for m in PARTS.find_iter(text) {
        push(start, m.start());
        start = m.end();
    }
    push(start, text.len());
    out.retain(|(span, _)| !claims.overlaps(line.idx, span));
    out
}

/// Drops tokens without letters at the ends of a part ("15) Escrevente
/// Autorizado /": a logo or frame edge read beside the title), narrowing the span.
fn trim_junk(span: std::ops::Range<usize>, text: &str) -> (std::ops::Range<usize>, &str) {
    let junk = |w: &str| !w.chars().any(char::is_alphabetic);
    let mut start = 0;
    let mut end = text.len();
    while let Some(first) = text[start..end].split_whitespace().next() {
        if !junk(first) || text[start..end].split_whitespace().count() == 1 {
            break;
        }
        let at = start + text[start..end].find(first).unwrap_or(0) + first.len();
        start = at + (text[at..end].len() - text[at..end].trim_start().len());
    }
    while let Some(last) = text[start..end].split_whitespace().last() {
        if !junk(last) || text[start..end].split_whitespace().count() == 1 {
            break;
        }
        end = text[start..end].rfind(last).map_or(end, |i| start + i);
        end = start + text[start..end].trim_end().len();
    }
    (span.start + start..span.start + end, &text[start..end])
}

/// A short lowercase word one letter away from exactly one connector is
/// that connector misread ("Consultor ce marketing": OCR confuses c/d, e/o).
fn near_connector(w: &str) -> Option<&'static str> {
    if w.chars().count() > 3 || !w.chars().all(|c| c.is_lowercase()) || CONNECTORS.contains(&w) {
        return None;
    }
    let mut hits = CONNECTORS.iter().filter(|c| {
        c.len() == w.len()
            && c.len() >= 2
            && c.chars().all(char::is_alphabetic)
            && c.chars().zip(w.chars()).filter(|(a, b)| a != b).count() == 1
    });
    let first = hits.next()?;
    hits.next().is_none().then_some(*first)
}

/// The title with misread connectors put right.
fn repair_connectors(text: &str) -> String {
    text.split(' ')
        .map(|w| near_connector(w).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How title-like a piece of text is: `None` when it is not a title.
fn title_score(text: &str) -> Option<f32> {
    if looks_like_contact_data(text) || digit_count(text) > 0 || text.len() > 60 {
        return None;
    }
    let ws = words(text);
    if ws.is_empty() || ws.len() > 7 {
        return None;
    }
    let (mut roles, mut known, mut content) = (0, 0, 0);
    for w in &ws {
        let w = w.trim_end_matches('.');
        if CONNECTORS.contains(&w) {
            continue;
        }
        let bare = w.replace('.', "");
        if ROLES.contains(w) || ROLES.contains(bare.as_str()) {
            roles += 1;
            known += 1;
        } else if MODIFIERS.contains(w) || MODIFIERS.contains(bare.as_str()) {
            known += 1;
        } else if near_connector(w).is_some() {
            continue;
        }
        content += 1;
    }
    // "Head of Sales", "Lead Engineer": head/lead count as roles only with
    // company; a lone "Sales" or "Senior" is not a title.
    if roles == 0 || content == 0 {
        return None;
    }
    let unknown = content - known;
    if unknown * 4 > content {
        return None;
    }
    // Sentence case or title case, not a lowercase prose fragment.
    if text.chars().next().is_some_and(|c| c.is_lowercase()) && ws.len() > 1 && !is_acronym(&ws[0])
    {
        return None;
    }
    let score = 0.55 + 0.1 * roles.min(2) as f32 + 0.2 * (known as f32 / content as f32)
        - 0.05 * unknown as f32;
    Some(score.min(0.95))
}

fn is_acronym(w: &str) -> bool {
    matches!(fold(w).as_str(), "ceo" | "cto" | "cfo" | "coo" | "vp")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prepare_lines;
    use crate::ocr::OcrPage;

    fn title_of(text: &str) -> Option<String> {
        let lines = prepare_lines(&OcrPage::from_text(text));
        let mut claims = Claims::new(lines.len());
        find(&lines, &mut claims).map(|f| f.value)
    }

    fn dept_of(text: &str) -> Option<String> {
        let lines = prepare_lines(&OcrPage::from_text(text));
        let mut claims = Claims::new(lines.len());
        find_department(&lines, &mut claims).map(|f| f.value)
    }

    macro_rules! title_cases {
        ($($name:ident: $card:expr => $want:expr;)*) => {
            $(#[test] fn $name() { assert_eq!(title_of($card).as_deref(), Some($want)); })*
        };
    }

    title_cases! {
        en_senior_researcher: "Dr. Avery Smith\nSenior Researcher\nCloud & AI Department" => "Senior Researcher";
        en_web_developer: "Jane Doe\nWeb Developer" => "Web Developer";
        en_internet_manager: "INTERNET MANAGER" => "INTERNET MANAGER";
        en_head_of_sales: "Head of Sales" => "Head of Sales";
        en_with_team: "Senior Software Engineer | Platform Team" => "Senior Software Engineer";
        en_ceo_founder: "Co-Founder & CEO" => "Co-Founder & CEO";
        en_vp: "VP, Business Development" => "VP, Business Development";
        en_name_and_title: "John Smith, Regional Sales Manager" => "Regional Sales Manager";
        pt_diretor: "Daniel Carlos\nDiretor Administrativo" => "Diretor Administrativo";
        pt_gerente: "Renan Beato\nGerente de Negócios" => "Gerente de Negócios";
        pt_escrevente: "Aguinaldo M. Righetti Jr.\nEscrevente Autorizado" => "Escrevente Autorizado";
        pt_consultor: "Consultor de marketing" => "Consultor de marketing";
        pt_socio: "Sócio Proprietário" => "Sócio Proprietário";
        es_gerente: "Gerente General" => "Gerente General";
        de_gf: "Geschäftsführer" => "Geschäftsführer";
        de_leiter: "Leiter Vertrieb" => "Leiter Vertrieb";
        fr_directeur: "Directeur Commercial" => "Directeur Commercial";
        ja_bucho: "Eigyo Bucho" => "Eigyo Bucho";
        junk_at_ends: "+ Agnaldo M. Righetti Jr 7\n15) Escrevente Autorizado /" => "Escrevente Autorizado";
        ocr_connector_ce: "Ricardo Nogueira\nConsultor ce marketing\nPortfolio" => "Consultor de marketing";
        ocr_connector_vendas: "Gerente ce Vendas" => "Gerente de Vendas";
        acronym_not_connector: "Senior AI Engineer" => "Senior AI Engineer";
        en_of_kept: "Director of Engineering" => "Director of Engineering";
        pt_diretor_comercial: "Diretor Comercial" => "Diretor Comercial";
        pt_gerente_ti: "Gerente de TI" => "Gerente de TI";
    }

    macro_rules! dept_cases {
        ($($name:ident: $card:expr => $want:expr;)*) => {
            $(#[test] fn $name() { assert_eq!(dept_of($card).as_deref(), Some($want)); })*
        };
    }

    dept_cases! {
        dept_cloud: "Senior Researcher\nCloud & AI Department" => "Cloud & AI Department";
        dept_of_sales: "Department of Sales" => "Department of Sales";
        dept_pt: "Departamento Comercial" => "Departamento Comercial";
        dept_de: "Abteilung Vertrieb" => "Abteilung Vertrieb";
        dept_rnd: "Research & Development" => "Research & Development";
        dept_abbrev: "Jane Doe\nDept. of Surgery" => "Dept. of Surgery";
        depto_pt: "Depto. Comercial" => "Depto. Comercial";
        division_tail: "Senior Engineer\nPower Systems Division" => "Power Systems Division";
        divisao_pt: "Divisão de Engenharia" => "Divisão de Engenharia";
        setor_pt: "Setor de Compras" => "Setor de Compras";
    }

    #[test]
    fn rejects() {
        for text in [
            "Consertos de eletrônicos em geral",
            "ASSISTÊNCIA TÉCNICA EM GERAL",
            "Daniel Sales",
            "Alerta Security Solutions",
            "Tel: (11) 3241-0322 Ramal 240",
            "MECÂNICA, FUNILARIA E PINTURA",
            "Senior",
            "we are the leading manager of your assets in the region",
            "Rua Boa Vista, 254",
            "Criação ce Campanhas",
            "Links Patrocinados",
            "15) 7",
            // Two connectors one letter away (of, at): no guess.
            "Head af Sales",
        ] {
            assert_eq!(title_of(text), None, "{text}");
        }
        assert_eq!(dept_of("Senior Researcher"), None);
        assert_eq!(dept_of("Serving every department since 1990"), None);
    }

    #[test]
    fn title_and_department_share_a_line() {
        let lines = prepare_lines(&OcrPage::from_text("Senior Engineer | Sales Department"));
        let mut claims = Claims::new(lines.len());
        assert_eq!(find(&lines, &mut claims).unwrap().value, "Senior Engineer");
        assert_eq!(
            find_department(&lines, &mut claims).unwrap().value,
            "Sales Department"
        );
    }
}
