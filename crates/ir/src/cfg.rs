//! Control-flow facts that the structured translation needs: reverse postorder, immediate
//! dominators (Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm"), loop headers and
//! merge nodes, natural loops. Only blocks reachable from the entry are considered; it does not check
//! reducibility (lowering only emits structured control flow, so the CFG is reducible).

use crate::{Block, Body};
use rustc_hash::{FxHashMap, FxHashSet};

pub struct Cfg {
    /// Position of each reachable block in `rpo`.
    pub index: FxHashMap<Block, usize>,
    /// Dominator-tree children of each block, in RPO order.
    pub children: FxHashMap<Block, Vec<Block>>,
    /// The immediate dominator of each block but the entry.
    pub idom: FxHashMap<Block, Block>,
    /// Reachable predecessors of each block, once per edge.
    pub preds: FxHashMap<Block, Vec<Block>>,
    /// Blocks that are the target of a back edge.
    pub loop_headers: Vec<Block>,
    /// Blocks with two or more forward in-edges (counted once per edge).
    pub merge_nodes: Vec<Block>,
}

impl Cfg {
    pub fn new(body: &Body) -> Cfg {
        let rpo = reverse_postorder(body);
        let index: FxHashMap<Block, usize> = rpo.iter().enumerate().map(|(i, &b)| (b, i)).collect();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); rpo.len()];
        for (i, &b) in rpo.iter().enumerate() {
            for t in body.blocks[b].successors() {
                preds[index[&t.block]].push(i);
            }
        }
        let idom = dominators(&preds);
        let mut children: FxHashMap<Block, Vec<Block>> = rpo.iter().map(|&b| (b, Vec::new())).collect();
        for (i, &d) in idom.iter().enumerate().skip(1) {
            children.entry(rpo[d]).or_default().push(rpo[i]);
        }
        let block_preds =
            preds.iter().enumerate().map(|(i, ps)| (rpo[i], ps.iter().map(|&p| rpo[p]).collect()));
        let idom_of = idom.iter().enumerate().skip(1).map(|(i, &d)| (rpo[i], rpo[d]));
        let mut loop_headers = Vec::new();
        let mut merge_nodes = Vec::new();
        for (i, ps) in preds.iter().enumerate() {
            if ps.iter().any(|&p| p >= i) {
                loop_headers.push(rpo[i]);
            }
            if ps.iter().filter(|&&p| p < i).count() >= 2 {
                merge_nodes.push(rpo[i]);
            }
        }
        Cfg {
            index,
            children,
            idom: idom_of.collect(),
            preds: block_preds.collect(),
            loop_headers,
            merge_nodes,
        }
    }

    pub fn is_loop_header(&self, b: Block) -> bool {
        self.loop_headers.contains(&b)
    }

    pub fn is_merge_node(&self, b: Block) -> bool {
        self.merge_nodes.contains(&b)
    }

    /// Whether `a` dominates `b` (every block dominates itself).
    pub fn dominates(&self, a: Block, mut b: Block) -> bool {
        loop {
            if a == b {
                return true;
            }
            match self.idom.get(&b) {
                Some(&d) => b = d,
                None => return false,
            }
        }
    }

    /// The blocks of the natural loop headed by `header`: those that reach one of its back edges
    /// without going through it, and the header.
    pub fn loop_blocks(&self, header: Block) -> FxHashSet<Block> {
        let mut blocks = FxHashSet::default();
        blocks.insert(header);
        let mut stack: Vec<Block> =
            self.preds[&header].iter().copied().filter(|&p| self.is_backward(p, header)).collect();
        while let Some(b) = stack.pop() {
            if blocks.insert(b) {
                stack.extend(self.preds[&b].iter().copied());
            }
        }
        blocks
    }

    /// Whether the edge `from -> to` goes backward (to a loop header that dominates `from`).
    pub fn is_backward(&self, from: Block, to: Block) -> bool {
        self.index[&to] <= self.index[&from]
    }
}

fn reverse_postorder(body: &Body) -> Vec<Block> {
    let mut post = Vec::new();
    let mut seen = FxHashSet::default();
    // Iterative DFS: (block, next successor to visit).
    let mut stack = vec![(body.entry(), 0usize)];
    seen.insert(body.entry());
    while let Some(&mut (b, ref mut next)) = stack.last_mut() {
        let targets = body.blocks[b].successors();
        if let Some(t) = targets.get(*next) {
            *next += 1;
            if seen.insert(t.block) {
                stack.push((t.block, 0));
            }
        } else {
            post.push(b);
            stack.pop();
        }
    }
    post.reverse();
    post
}

/// Immediate dominators by RPO index (`idom[0] == 0`), from predecessor lists by RPO index.
fn dominators(preds: &[Vec<usize>]) -> Vec<usize> {
    const UNDEF: usize = usize::MAX;
    let mut idom = vec![UNDEF; preds.len()];
    if preds.is_empty() {
        return idom;
    }
    idom[0] = 0;
    let mut changed = true;
    while changed {
        changed = false;
        for b in 1..preds.len() {
            let mut new = UNDEF;
            for &p in &preds[b] {
                if idom[p] == UNDEF {
                    continue;
                }
                new = if new == UNDEF { p } else { intersect(&idom, p, new) };
            }
            if new != idom[b] {
                idom[b] = new;
                changed = true;
            }
        }
    }
    idom
}

fn intersect(idom: &[usize], mut a: usize, mut b: usize) -> usize {
    while a != b {
        while a > b {
            a = idom[a];
        }
        while b > a {
            b = idom[b];
        }
    }
    a
}
